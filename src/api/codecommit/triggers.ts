import type {
  GetRepositoryTriggersInput,
  GetRepositoryTriggersOutput,
  PutRepositoryTriggersInput,
  PutRepositoryTriggersOutput,
  RepositoryTrigger,
  TestRepositoryTriggersInput,
  TestRepositoryTriggersOutput,
} from '@aws-sdk/client-codecommit';
import { isBranchName, resolveBranch } from '../../git/index.js';
import { triggerMessage, type StoredTrigger } from '../../notifications/index.js';
import { repositoryArn, type RepositoryRecord } from '../../store/index.js';
import { parseArn } from '../../shared/index.js';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import {
  InvalidRepositoryTriggerBranchNameException,
  InvalidRepositoryTriggerCustomDataException,
  InvalidRepositoryTriggerDestinationArnException,
  InvalidRepositoryTriggerEventsException,
  InvalidRepositoryTriggerNameException,
  InvalidRepositoryTriggerRegionException,
  MaximumBranchesExceededException,
  MaximumRepositoryTriggersExceededException,
  RepositoryTriggerDestinationArnRequiredException,
  RepositoryTriggerEventsListRequiredException,
  RepositoryTriggerNameRequiredException,
  RepositoryTriggersListRequiredException,
} from './trigger-errors.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

// CodeCommit's quotas: 10 triggers a repository, 100 branches a trigger, 1,000 characters of custom data.
const MAX_TRIGGERS = 10;
const MAX_BRANCHES = 100;
const MAX_CUSTOM_DATA = 1000;
const MAX_NAME = 100;
const EVENTS = ['all', 'updateReference', 'createReference', 'deleteReference'];

type TriggerInput = CodeCommitInput<RepositoryTrigger>;

/** Checks one trigger: a unique name, an SNS topic or Lambda function of the repository's region, events and branches. */
function checkTrigger(record: RepositoryRecord, trigger: TriggerInput, names: Set<string>): RepositoryTrigger {
  if (!trigger.name) throw new RepositoryTriggerNameRequiredException();
  if (trigger.name.length > MAX_NAME || names.has(trigger.name)) throw new InvalidRepositoryTriggerNameException();
  names.add(trigger.name);
  if (!trigger.destinationArn) throw new RepositoryTriggerDestinationArnRequiredException();
  const arn = parseArn(trigger.destinationArn, { service: ['sns', 'lambda'], accountId: true });
  if (!arn || !arn.resource) throw new InvalidRepositoryTriggerDestinationArnException();
  if (arn.region !== record.region) throw new InvalidRepositoryTriggerRegionException();
  if (trigger.customData !== undefined && trigger.customData.length > MAX_CUSTOM_DATA) throw new InvalidRepositoryTriggerCustomDataException();
  const branches = trigger.branches ?? [];
  if (branches.length > MAX_BRANCHES) throw new MaximumBranchesExceededException();
  if (!branches.every(isBranchName)) throw new InvalidRepositoryTriggerBranchNameException();
  const events = trigger.events ?? [];
  if (events.length === 0) throw new RepositoryTriggerEventsListRequiredException();
  if (!events.every((e) => EVENTS.includes(e))) throw new InvalidRepositoryTriggerEventsException();
  return { name: trigger.name, destinationArn: trigger.destinationArn, ...(trigger.customData !== undefined ? { customData: trigger.customData } : {}), branches, events };
}

function checkTriggers(record: RepositoryRecord, triggers: TriggerInput[] | undefined): RepositoryTrigger[] {
  if (triggers === undefined) throw new RepositoryTriggersListRequiredException();
  if (triggers.length > MAX_TRIGGERS) throw new MaximumRepositoryTriggersExceededException();
  const names = new Set<string>();
  return triggers.map((t) => checkTrigger(record, t, names));
}

/** PutRepositoryTriggers: replaces a repository's triggers; each ref change is delivered to those that fire for it. */
export function putRepositoryTriggers(deps: CodeCommitDeps, input: CodeCommitInput<PutRepositoryTriggersInput>, ctx: RequestContext): HandlerOutput<PutRepositoryTriggersOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const triggers = checkTriggers(record, input.triggers);
  const configurationId = deps.ids.uuid();
  deps.repositories.setTriggers(scopeOf(ctx), record.name, JSON.stringify({ configurationId, triggers }));
  return { configurationId };
}

/** GetRepositoryTriggers: the triggers last put, with the id of that configuration. */
export function getRepositoryTriggers(deps: CodeCommitDeps, input: CodeCommitInput<GetRepositoryTriggersInput>, ctx: RequestContext): HandlerOutput<GetRepositoryTriggersOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const stored = deps.repositories.getTriggers(scopeOf(ctx), record.name);
  return stored ? (JSON.parse(stored) as GetRepositoryTriggersOutput) : { configurationId: '', triggers: [] };
}

/**
 * TestRepositoryTriggers: checks the triggers as PutRepositoryTriggers does, then sends each a `TriggerEventTest`
 * record (the head of its first branch, or of the default branch) when its SNS topic or Lambda function exists here.
 */
export async function testRepositoryTriggers(deps: CodeCommitDeps, input: CodeCommitInput<TestRepositoryTriggersInput>, ctx: RequestContext): Promise<HandlerOutput<TestRepositoryTriggersOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const triggers = checkTriggers(record, input.triggers);
  const destinations = deps.triggerDestinations;
  const successfulExecutions: string[] = [];
  const failedExecutions: { trigger: string; failureMessage: string }[] = [];
  for (const trigger of triggers) {
    const problem = destinations ? destinations.problem(trigger.destinationArn!) : `codepipeline-local delivers no triggers in this configuration`; // wording inferred
    if (problem) {
      failedExecutions.push({ trigger: trigger.name!, failureMessage: problem });
      continue;
    }
    const branch = trigger.branches?.[0] ?? record.defaultBranch;
    const commit = branch ? await resolveBranch(record.gitDir, branch) : undefined;
    const message = triggerMessage(trigger as StoredTrigger, {
      eventName: 'TriggerEventTest',
      eventId: deps.ids.uuid(),
      eventTime: new Date(deps.clock.now()).toISOString(),
      region: record.region,
      repositoryArn: repositoryArn(scopeOf(ctx), record.name),
      configurationId: deps.ids.uuid(),
      userIdentityArn: callerArn(ctx),
      references: branch && commit ? [{ ref: `refs/heads/${branch}`, commit }] : [],
    });
    destinations!.deliver(trigger.destinationArn!, message);
    successfulExecutions.push(trigger.name!);
  }
  return { successfulExecutions, failedExecutions };
}
