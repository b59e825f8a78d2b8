import { registerEventStreamRoute } from '../api/events/index.js';
import { codeStarNotificationsService } from '../api/codestar-notifications/index.js';
import { snsService } from '../api/sns/index.js';
import { EventLog, translateBuildEvents, translateDeploymentEvents, translateEngineEvents, translateReferenceChanges, type AwsEvent, type BuildChanges, type DeploymentChanges, type MergeDetail, type ReferenceMove } from '../events/index.js';
import { mergeBase, readCommitObject } from '../git/index.js';
import type { ReferencesChanged } from '../sources/index.js';
import { EventArchive, notificationsSummary, NotificationRules, publishApprovalRequests, publishRuleMessages } from '../notifications/index.js';
import { DeliveryLog, SnsService } from '../sns/index.js';
import { ActionExecutionStore, EventArchiveStore, ExecutionStore, NotificationRuleStore, SnsStore, TagStore } from '../store/index.js';
import { NOTIFICATIONS_SUMMARY_PATH, type NotificationsSummary } from '../ui/shared/notifications-summary.js';
import type { RuleFunctions } from '../engine/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** The JSON page of SNS's recent deliveries (`?topicArn=`, `?failed=true`). */
export const SNS_DELIVERIES_PAGE = '/_aws/sns/deliveries';
/** The JSON page of the local mailbox, where email and email-json subscriptions' mails land (`?address=`). */
export const SNS_MAILBOX_PAGE = '/_aws/sns/mailbox';

/** The merge a branch update made: its new head is a merge commit whose first parent is the old head. */
async function mergeOf(gitDir: string, move: Required<ReferenceMove>): Promise<MergeDetail | undefined> {
  const commit = await readCommitObject(gitDir, move.after);
  if (!commit || commit.parents.length !== 2 || commit.parents[0] !== move.before) return undefined;
  const base = await mergeBase(gitDir, move.before, commit.parents[1]);
  return base ? { baseCommitId: base, sourceCommitId: commit.parents[1], destinationCommitId: move.before } : undefined;
}

/** Invokes a function named by its ARN (a lambda subscription's endpoint), qualifier and all, asynchronously for SNS. */
function functionInvoker(functions: RuleFunctions): (functionArn: string, event: Buffer) => Promise<{ functionError?: string }> {
  return (functionArn, event) => {
    const [, , , region, account, , name, qualifier] = functionArn.split(':');
    return functions.invoke({ account, region }, qualifier ? `${name}:${qualifier}` : name, event);
  };
}

/** Where the events of other features come from. */
export interface EventSources {
  builds: BuildChanges;
  deployments: DeploymentChanges;
  /** The Lambda functions lambda subscriptions invoke. */
  functions?: RuleFunctions;
}

/**
 * Notifications and events: the EventBridge-shaped events of pipelines, builds and deployments (kept, and served live
 * at /_aws/events), SNS with its deliveries and local mailbox, CodeStar Notifications rules publishing matching events to
 * their topics, and manual approvals' requests published to their NotificationArn.
 */
export function notificationsFeature(ctx: FeatureContext, sources: EventSources): FeatureModule & { sns: SnsService; eventLog: EventLog; referencesChanged: ReferencesChanged } {
  const log = ctx.log.child({ feature: 'notifications' });
  const eventLog = new EventLog();
  const snsStore = new SnsStore(ctx.db);
  const tags = new TagStore(ctx.db);
  const deliveryLog = new DeliveryLog();
  // What was kept before a restart is read back before anything new happens.
  const archive = new EventArchive({ store: new EventArchiveStore(ctx.db), events: eventLog, deliveries: deliveryLog, log });
  archive.restore();
  const sns = new SnsService({ deliveryLog, store: snsStore, tags, clock: ctx.clock, timers: ctx.timers, ids: ctx.ids, log, baseUrl: () => ctx.baseUrl(), autoConfirm: ctx.config.snsAutoConfirm, invokeFunction: sources.functions && functionInvoker(sources.functions) });
  const executions = new ExecutionStore(ctx.db);
  const emit = (event: AwsEvent) => eventLog.append(event);
  const translation = { newId: () => ctx.ids.uuid(), now: () => ctx.clock.now(), emit };
  const stops = [
    translateEngineEvents({ ...translation, events: ctx.events, execution: (id, scope) => executions.get(scope, scope.pipelineName, id), onError: (err) => log.warn({ err }, 'could not make the event of an engine event') }),
    translateBuildEvents(sources.builds, translation),
    translateDeploymentEvents(sources.deployments, translation),
  ];
  const referencesChanged = translateReferenceChanges({ ...translation, mergeOf, onError: (err) => log.warn({ err }, 'could not make the event of a ref change') });
  const rules = new NotificationRules({ store: new NotificationRuleStore(ctx.db), tags, clock: ctx.clock, ids: ctx.ids, topicExists: (arn) => sns.findTopic(arn) !== undefined });
  const actions = new ActionExecutionStore(ctx.db);
  stops.push(
    publishRuleMessages({ events: eventLog, rules, sns, actionsOf: (id) => actions.ofExecution(id), log }),
    publishApprovalRequests({ events: ctx.events, sns, consoleUrl: () => `${ctx.baseUrl()}/console`, log }),
  );
  let endStreams = () => {};
  return {
    sns,
    eventLog,
    referencesChanged,
    services: [snsService({ sns }), codeStarNotificationsService({ rules, tags })],
    routes(app) {
      endStreams = registerEventStreamRoute(app, eventLog);
      app.get<{ Querystring: { topicArn?: string; failed?: string } }>(SNS_DELIVERIES_PAGE, async (req) => ({
        deliveries: sns.deliveries({ topicArn: req.query.topicArn, failedOnly: req.query.failed === 'true' }),
      }));
      app.get<{ Querystring: { account?: string; region?: string } }>(NOTIFICATIONS_SUMMARY_PATH, async (req, reply) => {
        const scope = { account: req.query.account || ctx.config.account, region: req.query.region || ctx.config.region };
        const summary: NotificationsSummary = notificationsSummary(scope, { sns, snsStore, rules });
        return reply.header('cache-control', 'no-store').send(summary);
      });
      app.get<{ Querystring: { address?: string } }>(SNS_MAILBOX_PAGE, async (req) => ({ messages: snsStore.mailbox(req.query.address || undefined) }));
    },
    async close() {
      stops.forEach((stop) => stop());
      sns.close();
      archive.close();
      endStreams();
    },
  };
}
