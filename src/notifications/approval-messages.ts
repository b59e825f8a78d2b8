import type { EngineEventBus } from '../engine/index.js';
import type { ActionExecutionRecord } from '../model/index.js';
import type { Logger } from '../shared/index.js';
import type { SnsService } from '../sns/index.js';

/** What approval requests need: the engine's events, SNS, the console's base URL and a log. */
export interface ApprovalMessagesDeps {
  events: Pick<EngineEventBus, 'on'>;
  sns: SnsService;
  /** The console's root, e.g. `http://127.0.0.1:4599/console`. */
  consoleUrl(): string;
  log: Logger;
}

const SUBJECT_MAX = 99; // characters: SNS subjects must be under 100

/** An approval's expiry as AWS writes it in the message: to the minute, `2016-07-07T20:22Z`. */
function minuteTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

/** `APPROVAL NEEDED: AWS CodePipeline <pipeline> for action <action>`, the pipeline's name cut with `...` to fit (cut inferred). */
export function approvalSubject(pipelineName: string, actionName: string): string {
  const whole = `APPROVAL NEEDED: AWS CodePipeline ${pipelineName} for action ${actionName}`;
  if (whole.length <= SUBJECT_MAX) return whole;
  const room = Math.max(1, SUBJECT_MAX - (whole.length - pipelineName.length) - 3);
  return `APPROVAL NEEDED: AWS CodePipeline ${pipelineName.slice(0, room)}... for action ${actionName}`.slice(0, SUBJECT_MAX);
}

/**
 * The message AWS publishes for a manual approval with a NotificationArn: the region, a console link to the pipeline,
 * and the approval (token, expiry, ExternalEntityLink, a review link, CustomData). Links point into this console:
 * the pipeline's page, where the approval is answered, with AWS's `#/<stage>/<action>/approve/<token>` after it.
 */
export function approvalMessage(action: ActionExecutionRecord, consoleUrl: string): string {
  const config = action.input.configuration;
  const consoleLink = `${consoleUrl}/pipelines/${encodeURIComponent(action.pipelineName)}`;
  const approval: Record<string, unknown> = {
    pipelineName: action.pipelineName,
    stageName: action.stageName,
    actionName: action.actionName,
    token: action.token,
    expires: minuteTime(action.tokenExpiresMs ?? action.startMs),
    externalEntityLink: config.ExternalEntityLink ?? null,
    approvalReviewLink: `${consoleLink}#/${encodeURIComponent(action.stageName)}/${encodeURIComponent(action.actionName)}/approve/${action.token}`,
  };
  if (config.CustomData !== undefined) approval.customData = config.CustomData;
  return JSON.stringify({ region: action.region, consoleLink, approval });
}

/** Publishes each approval request whose action names a NotificationArn to that topic; returns a function that stops. */
export function publishApprovalRequests(deps: ApprovalMessagesDeps): () => void {
  return deps.events.on('approval:requested', ({ action }) => {
    const topicArn = action.input.configuration.NotificationArn;
    if (!topicArn) return;
    try {
      const topic = deps.sns.findTopic(topicArn);
      if (!topic) {
        deps.log.warn({ topicArn, pipeline: action.pipelineName, action: action.actionName }, `the approval's NotificationArn ${topicArn} is not an SNS topic that exists: no message was published`);
        return;
      }
      deps.sns.publishInternal(topic, approvalMessage(action, deps.consoleUrl()), approvalSubject(action.pipelineName, action.actionName));
    } catch (err) {
      deps.log.warn({ err, topicArn }, 'could not publish an approval request');
    }
  });
}
