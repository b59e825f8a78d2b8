import type { EventLog, LoggedEvent } from '../events/index.js';
import { REPOSITORY_DETAIL_TYPE } from '../events/index.js';
import type { Logger } from '../shared/index.js';

/** A repository trigger as PutRepositoryTriggers stores it. */
export interface StoredTrigger {
  name: string;
  destinationArn: string;
  customData?: string;
  branches: string[];
  events: string[];
}

/** Where triggers deliver: SNS topics and Lambda functions of the emulator. */
export interface TriggerDestinations {
  /** Why a destination cannot take a trigger's message (no such topic or function), or undefined when it can. */
  problem(destinationArn: string): string | undefined;
  /** Hands the message over (an SNS publish or an asynchronous Lambda invocation); never waits for subscribers. */
  deliver(destinationArn: string, message: string): void;
}

/** One change of a ref, as a trigger record names it. */
export interface TriggerReference {
  ref: string;
  commit: string;
  created?: boolean;
  deleted?: boolean;
}

/** What a trigger record is made of besides its trigger. */
export interface TriggerRecordInput {
  eventName: 'ReferenceChanges' | 'TriggerEventTest';
  eventId: string;
  eventTime: string;
  region: string;
  repositoryArn: string;
  configurationId: string;
  userIdentityArn: string;
  references: TriggerReference[];
}

/** The message a trigger sends, as CodeCommit sends it to SNS and Lambda: `{"Records": [...]}`. */
export function triggerMessage(trigger: StoredTrigger, input: TriggerRecordInput): string {
  const record = {
    awsRegion: input.region,
    codecommit: { references: input.references },
    ...(trigger.customData !== undefined ? { customData: trigger.customData } : {}),
    eventId: input.eventId,
    eventName: input.eventName,
    eventPartNumber: 1,
    eventSource: 'aws:codecommit',
    eventSourceARN: input.repositoryArn,
    eventTime: input.eventTime,
    eventTotalParts: 1,
    eventTriggerConfigId: input.configurationId,
    eventTriggerName: trigger.name,
    eventVersion: '1.0',
    userIdentityARN: input.userIdentityArn,
  };
  return JSON.stringify({ Records: [record] });
}

const TRIGGER_EVENT: Record<string, string> = { referenceCreated: 'createReference', referenceUpdated: 'updateReference', referenceDeleted: 'deleteReference' };

/** Whether a trigger fires for a ref change: its events (or `all`), and its branches (none: every branch) for branch refs. */
export function triggerFires(trigger: StoredTrigger, change: { event: string; referenceType: string; referenceName: string }): boolean {
  const kind = TRIGGER_EVENT[change.event];
  if (!kind || !(trigger.events.includes('all') || trigger.events.includes(kind))) return false;
  return change.referenceType !== 'branch' || trigger.branches.length === 0 || trigger.branches.includes(change.referenceName);
}

/** What delivering triggers needs: the events, each repository's triggers, the destinations and a log. */
export interface RepositoryTriggerDeps {
  events: EventLog;
  triggersOf(scope: { account: string; region: string }, repositoryName: string): { configurationId: string; triggers: StoredTrigger[] } | undefined;
  destinations: TriggerDestinations;
  newId(): string;
  log: Logger;
}

/**
 * Delivers each CodeCommit ref change to the repository's triggers that fire for it, after the change (setImmediate),
 * so a destination never slows a push. Returns a function that stops.
 */
export function deliverRepositoryTriggers(deps: RepositoryTriggerDeps): () => void {
  const handle = ({ event }: LoggedEvent) => {
    if (event.source !== 'aws.codecommit' || event['detail-type'] !== REPOSITORY_DETAIL_TYPE) return;
    const detail = event.detail as Record<string, string | undefined>;
    const stored = deps.triggersOf({ account: event.account, region: event.region }, detail.repositoryName ?? '');
    if (!stored) return;
    const change = { event: detail.event ?? '', referenceType: detail.referenceType ?? '', referenceName: detail.referenceName ?? '' };
    const reference: TriggerReference = {
      ref: detail.referenceFullName ?? '',
      commit: detail.commitId ?? detail.oldCommitId ?? '',
      ...(change.event === 'referenceCreated' ? { created: true } : {}),
      ...(change.event === 'referenceDeleted' ? { deleted: true } : {}),
    };
    for (const trigger of stored.triggers.filter((t) => triggerFires(t, change))) {
      const message = triggerMessage(trigger, {
        eventName: 'ReferenceChanges',
        eventId: deps.newId(),
        eventTime: event.time,
        region: event.region,
        repositoryArn: event.resources[0] ?? '',
        configurationId: stored.configurationId,
        userIdentityArn: detail.callerUserArn ?? '',
        references: [reference],
      });
      const problem = deps.destinations.problem(trigger.destinationArn);
      if (problem) deps.log.warn({ trigger: trigger.name, destination: trigger.destinationArn }, `repository trigger ${trigger.name}: ${problem}`);
      else deps.destinations.deliver(trigger.destinationArn, message);
    }
  };
  return deps.events.subscribe((logged) =>
    setImmediate(() => {
      try {
        handle(logged);
      } catch (err) {
        deps.log.warn({ err }, 'could not deliver a ref change to repository triggers');
      }
    }),
  );
}
