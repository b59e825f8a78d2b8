/**
 * The Invoke action of AWS Lambda (Invoke/AWS/Lambda/1): each run of the action makes a job (jobs domain) and invokes
 * the function with AWS's event, `{"CodePipeline.job": {id, accountId, data}}`; the function finishes the job with
 * PutJobSuccessResult or PutJobFailureResult through the emulator's endpoint. A success with a continuationToken
 * makes a new job and invokes the function again with the token in its data.
 *
 * LIMITATIONS: AWS invokes the function asynchronously, retries a failed invocation twice and only learns of the
 * failure when the action's 20 minutes run out; here the function is invoked directly and a function error (or an
 * unknown function) fails the action at once with the function's error. `encryptionKey` is never set.
 */
import { findActionType, type ActionTypeDefinition, type JobRecord } from '../../model/index.js';
import { isFinished, jobDataOf, type JobQueue } from '../../jobs/index.js';
import type { ActionContext, ActionJob, ActionProvider } from '../contract.js';
import { jobWorkerProvider, type JobWorkerDeps } from '../job-worker/index.js';

/** AWS's limit on a Lambda job: no result in 20 minutes and the action fails (CodePipeline quotas). */
export const LAMBDA_JOB_TIMEOUT_MS = 20 * 60_000;

/** How an invocation of the function went, as far as the action needs it. */
export interface FunctionInvocation {
  /** `Unhandled` when the function failed. */
  functionError?: string;
  payload: Buffer;
  /** Where the invocation's log can be read. */
  logUrl?: string;
}

/** What the Invoke action needs: the jobs, and a way to invoke a function of an account and region. */
export interface LambdaInvokeDeps extends JobWorkerDeps {
  queue: JobQueue;
  /** Invokes a function by FunctionName (a name or an ARN) with an event; rejects with a message when there is no such function. */
  invokeFunction(scope: { account: string; region: string }, functionName: string, event: Buffer): Promise<FunctionInvocation>;
}

/** The event AWS invokes the function with. */
export function codePipelineEvent(job: JobRecord): object {
  const { actionTypeId: _type, pipelineContext: _context, ...data } = jobDataOf(job);
  return { 'CodePipeline.job': { id: job.id, accountId: job.account, data } };
}

function errorText(payload: Buffer): string {
  try {
    const body = JSON.parse(payload.toString('utf8')) as { errorType?: string; errorMessage?: string };
    return [body.errorType, body.errorMessage].filter(Boolean).join(': ') || payload.toString('utf8');
  } catch {
    return payload.toString('utf8');
  }
}

async function dispatch(deps: LambdaInvokeDeps, job: JobRecord, action: ActionJob, ctx: ActionContext): Promise<void> {
  const name = action.configuration.FunctionName ?? '';
  const scope = { account: action.account, region: action.region };
  let result: FunctionInvocation;
  try {
    result = await deps.invokeFunction(scope, name, Buffer.from(JSON.stringify(codePipelineEvent(job))));
  } catch (error) {
    const message = (error as Error).message;
    if (!isFinished(deps.queue.details(job.id, 'Custom'))) deps.queue.fail(job.id, 'Custom', { failureType: 'ConfigurationError', message });
    return;
  }
  if (result.logUrl) ctx.progress({ externalExecutionUrl: result.logUrl });
  if (result.functionError && !isFinished(deps.queue.details(job.id, 'Custom'))) {
    const message = `The AWS Lambda function ${name} failed to return a result: ${errorText(result.payload)}`.slice(0, 2048); // wording inferred
    deps.queue.fail(job.id, 'Custom', { failureType: 'JobFailed', message });
  }
}

/** The provider of Invoke/AWS/Lambda/1. */
export function lambdaInvokeProvider(deps: LambdaInvokeDeps): ActionProvider {
  const type: ActionTypeDefinition = findActionType({ category: 'Invoke', owner: 'AWS', provider: 'Lambda', version: '1' })!;
  return jobWorkerProvider(type, deps, {
    dispatch: (job, action, ctx) => dispatch(deps, job, action, ctx),
    jobTimeoutMs: LAMBDA_JOB_TIMEOUT_MS,
    timedOutMessage: (action) =>
      `The AWS Lambda function ${action.configuration.FunctionName} failed to return a result. Check the function to verify that it has permission to call the PutJobSuccessResult action and that it made a call to PutJobSuccessResult.`,
  });
}
