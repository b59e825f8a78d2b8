/**
 * Actions run by job workers: custom actions (owner Custom), AWS or ThirdParty actions stood in for with the `worker`
 * policy. Each run of the action queues a job (jobs domain) that a worker takes with PollForJobs (or, for ThirdParty,
 * PollForThirdPartyJobs), acknowledges and finishes with PutJobSuccessResult or PutJobFailureResult; a success with a
 * continuationToken queues the next job of the same action execution with the token in its data.
 *
 * The job names its input artifacts by their objects in the artifact store bucket and gives each output artifact a key
 * there for the worker to upload its zip to; the engine keeps the uploaded objects where they are.
 * LIMITATIONS: `encryptionKey` is never set (artifacts are not encrypted); the artifact credentials are not checked.
 */
import type { ActionTypeDefinition, JobKind, JobRecord } from '../../model/index.js';
import { isFinished, renderUrlTemplate, type JobQueue } from '../../jobs/index.js';
import { newArtifactKey } from '../../shared/index.js';
import { ActionFailure, type ActionContext, type ActionFailureCode, type ActionJob, type ArtifactObjectLocation, type ActionProvider, type ActionResult } from '../contract.js';

/** What a job-worker action needs besides the queue: the artifact bucket's objects. */
export interface JobWorkerDeps {
  queue: JobQueue;
  /** Makes sure the bucket exists, so the worker can upload its output artifacts into it. */
  ensureBucket(bucket: string, region: string): Promise<void>;
  /** Whether the object exists. */
  exists(bucket: string, key: string): Promise<boolean>;
  /** The pipeline's ARN (the job's pipelineContext.pipelineArn). */
  pipelineArn(account: string, region: string, pipelineName: string): string;
}

// The bucket output artifacts go to when the engine names none and the action has no input to name it.
const DEFAULT_BUCKET = 'codepipeline-local-artifacts';
const FAILURE_CODES: readonly ActionFailureCode[] = ['JobFailed', 'ConfigurationError', 'PermissionError', 'RevisionOutOfSync', 'RevisionUnavailable', 'SystemUnavailable'];

function newJob(job: ActionJob, kind: JobKind, deps: JobWorkerDeps, continuationToken?: string) {
  const bucket = job.artifactBucket ?? job.inputArtifacts.find((a) => a.location)?.location?.bucket ?? DEFAULT_BUCKET;
  return {
    kind,
    account: job.account,
    region: job.region,
    actionTypeId: job.actionTypeId,
    configuration: job.configuration,
    pipelineName: job.pipelineName,
    pipelineArn: deps.pipelineArn(job.account, job.region, job.pipelineName),
    pipelineExecutionId: job.pipelineExecutionId,
    stageName: job.stageName,
    actionName: job.actionName,
    actionExecutionId: job.actionExecutionId,
    inputArtifacts: job.inputArtifacts.flatMap((a) => (a.location ? [{ name: a.name, bucket: a.location.bucket, key: a.location.key, ...(a.revisionId ? { revision: a.revisionId } : {}) }] : [])),
    outputArtifacts: job.outputArtifactNames.map((name) => ({ name, bucket, key: newArtifactKey(job.pipelineName, name) })),
    ...(continuationToken !== undefined ? { continuationToken } : {}),
  };
}

async function collectOutputs(done: JobRecord, deps: JobWorkerDeps): Promise<Record<string, ArtifactObjectLocation>> {
  const outputs: Record<string, ArtifactObjectLocation> = {};
  for (const artifact of done.outputArtifacts) {
    if (!(await deps.exists(artifact.bucket, artifact.key))) {
      throw new ActionFailure('JobFailed', `The job worker reported success but did not upload the output artifact ${artifact.name} to s3://${artifact.bucket}/${artifact.key}`, false); // wording inferred
    }
    outputs[artifact.name] = { bucket: artifact.bucket, key: artifact.key };
  }
  return outputs;
}

/** How a provider built on jobs hands each job to its worker itself (the Lambda Invoke action invokes its function). */
export interface JobDispatch {
  /** Called with each new job of the action (the first, and one per continuation token). */
  dispatch(job: JobRecord, action: ActionJob, ctx: ActionContext): Promise<void>;
  /** How long each job may take before it times out (ms); the queue's limit when absent. */
  jobTimeoutMs?: number;
  /** The failure message of a job that timed out, instead of the queue's. */
  timedOutMessage?(action: ActionJob): string;
}

/**
 * An action provider whose work a job worker does: for one custom type, or a stood-in AWS or ThirdParty type; with a
 * dispatch, each job is handed to its worker directly instead of waiting for a poll.
 */
export function jobWorkerProvider(type: ActionTypeDefinition, deps: JobWorkerDeps, direct?: JobDispatch): ActionProvider {
  const kind: JobKind = type.id.owner === 'ThirdParty' ? 'ThirdParty' : 'Custom';
  return {
    type,
    // The job is in the store: after a restart the action waits for the same job again.
    resumable: true,
    async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
      let current = deps.queue.latestOf(job.actionExecutionId);
      if (!current) {
        const first = newJob(job, kind, deps);
        // The worker uploads its outputs before the engine stores any artifact there, so the bucket must exist first.
        if (first.outputArtifacts.length) await deps.ensureBucket(first.outputArtifacts[0].bucket, job.region);
        current = deps.queue.create(first, direct?.jobTimeoutMs);
        await direct?.dispatch(current, job, ctx);
      } else if (direct && !isFinished(current)) {
        // Resumed after a restart: the worker handed the job directly (a function invocation) died with the process.
        await direct.dispatch(current, job, ctx);
      }
      for (;;) {
        const done = await deps.queue.settled(current.id, ctx.signal).catch((error: unknown) => {
          // Abandoned or shut down: the engine has recorded why; the provider ends as every provider does, with an ActionFailure.
          throw new ActionFailure('JobFailed', error instanceof Error ? error.message : 'The action was stopped', true, {}, { cause: error });
        });
        const outcome = done.outcome!;
        const externalExecutionId = outcome.externalExecutionId;
        const externalExecutionUrl = renderUrlTemplate(type.settings?.executionUrlTemplate, job.configuration, externalExecutionId);
        const details = {
          ...(outcome.summary !== undefined ? { summary: outcome.summary } : {}),
          ...(outcome.percentComplete !== undefined ? { percentComplete: outcome.percentComplete } : {}),
          ...(externalExecutionId !== undefined ? { externalExecutionId } : {}),
          ...(externalExecutionUrl !== undefined ? { externalExecutionUrl } : {}),
        };
        ctx.progress(details);
        if (outcome.status === 'TimedOut') throw new ActionFailure('JobFailed', direct?.timedOutMessage?.(job) ?? outcome.message ?? 'The job timed out', true, details);
        if (outcome.status === 'Failed') {
          const code = FAILURE_CODES.find((c) => c === outcome.failureType) ?? 'JobFailed';
          throw new ActionFailure(code, outcome.message ?? '', true, details);
        }
        if (outcome.continuationToken !== undefined) {
          current = deps.queue.create(newJob(job, kind, deps, outcome.continuationToken), direct?.jobTimeoutMs);
          await direct?.dispatch(current, job, ctx);
          continue;
        }
        const revision = outcome.currentRevision;
        return {
          ...details,
          storedOutputArtifacts: await collectOutputs(done, deps),
          ...(outcome.outputVariables ? { outputVariables: outcome.outputVariables } : {}),
          ...(revision
            ? { revision: { revisionId: revision.revision, revisionChangeId: revision.changeIdentifier, ...(revision.createdMs !== undefined ? { createdMs: revision.createdMs } : {}), ...(revision.revisionSummary !== undefined ? { summary: revision.revisionSummary } : {}) } }
            : {}),
        };
      }
    },
  };
}
