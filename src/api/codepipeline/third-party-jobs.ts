import type {
  AcknowledgeThirdPartyJobInput,
  AcknowledgeThirdPartyJobOutput,
  GetThirdPartyJobDetailsInput,
  GetThirdPartyJobDetailsOutput,
  PollForThirdPartyJobsInput,
  PollForThirdPartyJobsOutput,
  PutThirdPartyJobFailureResultInput,
  PutThirdPartyJobSuccessResultInput,
} from '@aws-sdk/client-codepipeline';
import { jobDataOf } from '../../jobs/index.js';
import type { ActionTypeId } from '../../model/index.js';
import type { HandlerInput, HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { callJobs } from './job-errors.js';
import { failureOutcome, requirePollable, successOutcome } from './job-workers.js';

// The client token a partner presents is the clientId PollForThirdPartyJobs gave it for the job (there is no partner
// configuration step locally to hand out another secret).

/** PollForThirdPartyJobs: queued jobs of a ThirdParty action type, as clientId and jobId. */
export function pollForThirdPartyJobs(deps: CodePipelineDeps, input: HandlerInput<PollForThirdPartyJobsInput>, ctx: RequestContext): HandlerOutput<PollForThirdPartyJobsOutput> {
  const id = input.actionTypeId as ActionTypeId;
  requirePollable(deps, ctx, id, 'ThirdParty');
  const jobs = deps.jobs.queue.poll(ctx, 'ThirdParty', id, input.maxBatchSize ?? 1);
  return { jobs: jobs.map((job) => ({ clientId: job.clientId, jobId: job.id })) };
}

/** AcknowledgeThirdPartyJob: the partner holding the nonce and client token takes the job. */
export function acknowledgeThirdPartyJob(deps: CodePipelineDeps, input: HandlerInput<AcknowledgeThirdPartyJobInput>): HandlerOutput<AcknowledgeThirdPartyJobOutput> {
  return { status: callJobs(() => deps.jobs.queue.acknowledge(input.jobId, input.nonce, 'ThirdParty', input.clientToken)) };
}

/** GetThirdPartyJobDetails: the job's data (without the pipeline's ARN and execution id) and its nonce. */
export function getThirdPartyJobDetails(deps: CodePipelineDeps, input: HandlerInput<GetThirdPartyJobDetailsInput>): HandlerOutput<GetThirdPartyJobDetailsOutput> {
  const job = callJobs(() => deps.jobs.queue.details(input.jobId, 'ThirdParty', input.clientToken));
  return { jobDetails: { id: job.id, data: jobDataOf(job), nonce: job.nonce } };
}

/** PutThirdPartyJobSuccessResult: the job succeeds (no output variables for partners). */
export function putThirdPartyJobSuccessResult(deps: CodePipelineDeps, input: HandlerInput<PutThirdPartyJobSuccessResultInput>): NoOutput {
  callJobs(() => deps.jobs.queue.succeed(input.jobId, 'ThirdParty', successOutcome(input), input.clientToken));
  return {};
}

/** PutThirdPartyJobFailureResult: the job fails with the partner's failure details. */
export function putThirdPartyJobFailureResult(deps: CodePipelineDeps, input: HandlerInput<PutThirdPartyJobFailureResultInput>): NoOutput {
  callJobs(() => deps.jobs.queue.fail(input.jobId, 'ThirdParty', failureOutcome(input.failureDetails), input.clientToken));
  return {};
}
