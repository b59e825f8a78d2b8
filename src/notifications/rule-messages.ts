import type { AwsEvent } from '../events/index.js';
import type { ActionExecutionRecord } from '../model/index.js';
import type { NotificationRuleRecord } from '../store/index.js';

/** The action executions of one pipeline execution, for the supplemental information of FULL messages. */
export type ActionsOf = (executionId: string) => ActionExecutionRecord[];

const latest = (actions: ActionExecutionRecord[]) => {
  // An action retried in a stage has several executions: the newest of each speaks for it.
  const byName = new Map<string, ActionExecutionRecord>();
  for (const a of [...actions].sort((x, y) => x.startMs - y.startMs)) byName.set(`${a.stageName}/${a.actionName}`, a);
  return [...byName.values()];
};

/** What CodeStar Notifications adds to a pipeline event in FULL messages (AWS's captured examples; others `{}`). */
export function additionalAttributes(event: AwsEvent, actionsOf: ActionsOf): Record<string, unknown> {
  const d = event.detail;
  const executionId = String(d['execution-id'] ?? '');
  if (event['detail-type'] === 'CodePipeline Pipeline Execution State Change' && d.state === 'FAILED') {
    const failed = latest(actionsOf(executionId)).filter((a) => a.status === 'Failed');
    return {
      failedActionCount: failed.length,
      failedActions: failed.map((a) => ({ action: a.actionName, additionalInformation: a.errorDetails?.message ?? a.summary ?? '' })),
      failedStage: failed[0]?.stageName ?? '',
    };
  }
  if (event['detail-type'] === 'CodePipeline Stage Execution State Change' && d.state === 'STARTED') {
    const sources = latest(actionsOf(executionId)).filter((a) => a.input.actionTypeId.category === 'Source' && a.status === 'Succeeded');
    return { sourceActions: sources.map((a) => ({ sourceActionName: a.actionName, sourceActionProvider: a.input.actionTypeId.provider, sourceActionVariables: { ...a.output.outputVariables } })) };
  }
  if (event['detail-type'] === 'CodePipeline Action Execution State Change') {
    const type = d.type as { category?: string; provider?: string };
    if (d.state === 'FAILED') {
      const result = d['execution-result'] as { 'external-execution-summary'?: string } | undefined;
      return { additionalInformation: result?.['external-execution-summary'] ?? '' };
    }
    if (d.state === 'STARTED' && type.category === 'Approval' && type.provider === 'Manual') {
      const action = latest(actionsOf(executionId)).find((a) => a.stageName === d.stage && a.actionName === d.action);
      const config = action?.input.configuration ?? {};
      return { externalEntityLink: config.ExternalEntityLink ?? '', customData: config.CustomData ?? '' };
    }
  }
  return {};
}

/**
 * The message a rule publishes to its SNS targets: the event as CodeStar Notifications processes it (`detailType`
 * for `detail-type`, the rule's ARN added, `id` and `version` left out) and, for FULL rules, `additionalAttributes`.
 * A BASIC message's exact shape was never captured: here it is the same without `additionalAttributes` (inferred).
 */
export function ruleMessage(event: AwsEvent, rule: NotificationRuleRecord, actionsOf: ActionsOf): string {
  const message: Record<string, unknown> = {
    account: event.account,
    detailType: event['detail-type'],
    region: event.region,
    source: event.source,
    time: event.time,
    notificationRuleArn: rule.arn,
    detail: event.detail,
    resources: event.resources,
  };
  if (rule.detailType === 'FULL') message.additionalAttributes = event.source === 'aws.codepipeline' ? additionalAttributes(event, actionsOf) : {};
  return JSON.stringify(message);
}
