import type {
  GetRepositoryTriggersInput,
  GetRepositoryTriggersOutput,
  PutRepositoryTriggersInput,
  PutRepositoryTriggersOutput,
  RepositoryTrigger,
  TestRepositoryTriggersInput,
  TestRepositoryTriggersOutput,
} from '@aws-sdk/client-codecommit';
import { isBranchName } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { parseArn } from '../../shared/index.js';
import type { HandlerOutput, RequestContext } from '../protocol/index.js';
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

/** PutRepositoryTriggers: replaces a repository's triggers (recorded; delivering them waits for SNS and Lambda). */
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
 * TestRepositoryTriggers: checks the triggers as PutRepositoryTriggers does; as nothing can be delivered to SNS or
 * Lambda here yet, each one is reported as a failed execution saying so.
 */
export function testRepositoryTriggers(deps: CodeCommitDeps, input: CodeCommitInput<TestRepositoryTriggersInput>, ctx: RequestContext): HandlerOutput<TestRepositoryTriggersOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const triggers = checkTriggers(record, input.triggers);
  return {
    successfulExecutions: [],
    failedExecutions: triggers.map((t) => ({ trigger: t.name, failureMessage: `codepipeline-local does not deliver to ${t.destinationArn} yet: triggers are recorded and checked only.` })),
  };
}
