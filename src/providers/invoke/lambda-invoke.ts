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
}

/** The refusal of invokeFunction when the account and region have no function of that name. */
export class FunctionNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FunctionNotFoundError';
  }
}

/** What the Invoke action needs: the jobs, and a way to invoke a function of an account and region. */
export interface LambdaInvokeDeps extends JobWorkerDeps {
  queue: JobQueue;
  /** Invokes a function by FunctionName (a name or an ARN) with an event; rejects with FunctionNotFoundError when there is none. */
  invokeFunction(scope: { account: string; region: string }, functionName: string, event: Buffer): Promise<FunctionInvocation>;
  /** Where the function's invocation log can be read, linked from the action. */
  logUrl?(scope: { account: string; region: string }, functionName: string): string | undefined;
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
  // Reported before the invocation: once the function has called PutJob*Result the action may have ended already.
  const logUrl = deps.logUrl?.(scope, name);
  if (logUrl) ctx.progress({ externalExecutionUrl: logUrl });
  let result: FunctionInvocation;
  try {
    result = await deps.invokeFunction(scope, name, Buffer.from(JSON.stringify(codePipelineEvent(job))));
  } catch (error) {
    const notFound = error instanceof FunctionNotFoundError;
    const message = notFound ? error.message : `The AWS Lambda function ${name} could not be invoked: ${(error as Error).message}`; // wording inferred
    if (!isFinished(deps.queue.details(job.id, 'Custom'))) deps.queue.fail(job.id, 'Custom', { failureType: notFound ? 'ConfigurationError' : 'JobFailed', message: message.slice(0, 2048) });
    return;
  }
  if (result.functionError && !isFinished(deps.queue.details(job.id, 'Custom'))) {
    const message = `The AWS Lambda function ${name} failed to return a result: ${errorText(result.payload)}`.slice(0, 2048); // wording inferred
    deps.queue.fail(job.id, 'Custom', { failureType: 'JobFailed', message });
  }
}

/** The provider of Invoke/AWS/Lambda/1. */
export function lambdaInvokeProvider(deps: LambdaInvokeDeps): ActionProvider {
  const type: ActionTypeDefinition = findActionType({ category: 'Invoke', owner: 'AWS', provider: 'Lambda', version: '1' })!;
  return jobWorkerProvider(type, deps, {
    // Not awaited: the action waits for the job, which the function's call (or its failure) settles, so an abandoned
    // action stops waiting at once while a function already running goes on to its end or its timeout.
    dispatch: async (job, action, ctx) => {
      void dispatch(deps, job, action, ctx).catch((error: unknown) => ctx.log.warn({ err: error }, 'the Lambda invocation of the action failed'));
    },
    jobTimeoutMs: LAMBDA_JOB_TIMEOUT_MS,
    timedOutMessage: (action) =>
      `The AWS Lambda function ${action.configuration.FunctionName} failed to return a result. Check the function to verify that it has permission to call the PutJobSuccessResult action and that it made a call to PutJobSuccessResult.`,
  });
}
