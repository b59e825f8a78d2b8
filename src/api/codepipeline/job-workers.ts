import type {
  AcknowledgeJobInput,
  AcknowledgeJobOutput,
  GetJobDetailsInput,
  GetJobDetailsOutput,
  PollForJobsInput,
  PollForJobsOutput,
  PutJobFailureResultInput,
  PutJobSuccessResultInput,
} from '@aws-sdk/client-codepipeline';
import { jobDataOf } from '../../jobs/index.js';
import type { ActionTypeId, JobKind, JobOutcome } from '../../model/index.js';
import { ValidationException, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import * as errors from './errors.js';
import { callJobs } from './job-errors.js';

type SuccessInput = Pick<HandlerInput<PutJobSuccessResultInput>, 'currentRevision' | 'continuationToken' | 'executionDetails'> & { outputVariables?: Record<string, string> };

/** The outcome PutJobSuccessResult or PutThirdPartyJobSuccessResult reports, in the jobs domain's terms. */
export function successOutcome(input: SuccessInput): Omit<JobOutcome, 'status'> {
  const { currentRevision: rev, executionDetails: details } = input;
  return {
    ...(details?.summary !== undefined ? { summary: details.summary } : {}),
    ...(details?.percentComplete !== undefined ? { percentComplete: details.percentComplete } : {}),
    ...(details?.externalExecutionId !== undefined ? { externalExecutionId: details.externalExecutionId } : {}),
    ...(rev
      ? {
          currentRevision: {
            revision: rev.revision,
            changeIdentifier: rev.changeIdentifier,
            ...(rev.created !== undefined ? { createdMs: rev.created * 1000 } : {}),
            ...(rev.revisionSummary !== undefined ? { revisionSummary: rev.revisionSummary } : {}),
          },
        }
      : {}),
    ...(input.outputVariables ? { outputVariables: input.outputVariables } : {}),
    ...(input.continuationToken !== undefined ? { continuationToken: input.continuationToken } : {}),
  };
}

/** The outcome PutJobFailureResult or PutThirdPartyJobFailureResult reports. */
export function failureOutcome(failure: HandlerInput<PutJobFailureResultInput>['failureDetails']): Omit<JobOutcome, 'status'> {
  return { failureType: failure.type, message: failure.message, ...(failure.externalExecutionId !== undefined ? { externalExecutionId: failure.externalExecutionId } : {}) };
}

/** Checks that jobs of this type can be polled in this scope: a custom type of the account, or a stood-in type handed to workers. */
export function requirePollable(deps: CodePipelineDeps, ctx: RequestContext, id: ActionTypeId, kind: JobKind): void {
  if (!deps.jobs.pollable(ctx, id, kind)) {
    throw new errors.ActionTypeNotFoundException(
      `ActionType (Category: '${id.category}', Provider: '${id.provider}', Owner: '${id.owner}', Version: '${id.version}') is not available`, // wording inferred
    );
  }
}

/** AWS's rule for queryParam: the type's queryable property must be its key, and a type without one takes none. */
function checkQueryParam(deps: CodePipelineDeps, ctx: RequestContext, id: ActionTypeId, query: Record<string, string>): void {
  const type = deps.jobs.types.find(ctx, id)?.type;
  if (!type) return;
  const queryable = type.actionConfigurationProperties.find((p) => p.queryable)?.name;
  const keys = Object.keys(query);
  if (queryable === undefined && keys.length > 0) throw new ValidationException(`The action type has no queryable property, so queryParam must be empty`); // wording inferred
  if (queryable !== undefined && !keys.includes(queryable)) throw new ValidationException(`queryParam must have the queryable property ${queryable} of the action type as its key`); // wording inferred
}

/** PollForJobs: up to maxBatchSize queued jobs of a custom (or stood-in) action type, matching queryParam; each now Dispatched. */
export function pollForJobs(deps: CodePipelineDeps, input: HandlerInput<PollForJobsInput>, ctx: RequestContext): HandlerOutput<PollForJobsOutput> {
  const id = input.actionTypeId as ActionTypeId;
  requirePollable(deps, ctx, id, 'Custom');
  checkQueryParam(deps, ctx, id, input.queryParam ?? {});
  const jobs = deps.jobs.queue.poll(ctx, 'Custom', id, input.maxBatchSize ?? 1, input.queryParam ?? {});
  return { jobs: jobs.map((job) => ({ id: job.id, data: jobDataOf(job), nonce: job.nonce, accountId: job.account })) };
}

/** AcknowledgeJob: the worker holding the nonce takes the job, which is now InProgress. */
export function acknowledgeJob(deps: CodePipelineDeps, input: HandlerInput<AcknowledgeJobInput>): HandlerOutput<AcknowledgeJobOutput> {
  return { status: callJobs(() => deps.jobs.queue.acknowledge(input.jobId, input.nonce, 'Custom')) };
}

/** GetJobDetails: a job's data, with its artifact credentials. */
export function getJobDetails(deps: CodePipelineDeps, input: HandlerInput<GetJobDetailsInput>): HandlerOutput<GetJobDetailsOutput> {
  const job = callJobs(() => deps.jobs.queue.details(input.jobId, 'Custom'));
  return { jobDetails: { id: job.id, data: jobDataOf(job), accountId: job.account } };
}

/** PutJobSuccessResult: the job succeeds; with a continuationToken the action goes on as a new job. */
export function putJobSuccessResult(deps: CodePipelineDeps, input: HandlerInput<PutJobSuccessResultInput>): NoOutput {
  callJobs(() => deps.jobs.queue.succeed(input.jobId, 'Custom', successOutcome(input)));
  return {};
}

/** PutJobFailureResult: the job fails, and its action with the failure's type and message. */
export function putJobFailureResult(deps: CodePipelineDeps, input: HandlerInput<PutJobFailureResultInput>): NoOutput {
  callJobs(() => deps.jobs.queue.fail(input.jobId, 'Custom', failureOutcome(input.failureDetails)));
  return {};
}
