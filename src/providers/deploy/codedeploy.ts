/**
 * The CodeDeploy action (Deploy/AWS/CodeDeploy/1): deploys the input artifact's zip (appspec.yml at its root) to
 * the deployment group named by ApplicationName and DeploymentGroupName, as CodePipeline does through CreateDeployment,
 * and waits for the deployment to end.
 *
 * LIMITATIONS:
 * - The revision is registered by the deployment itself (as CreateDeployment registers a new revision), not by a
 *   separate RegisterApplicationRevision call; it is listed by ListApplicationRevisions all the same.
 * - Only in-place deployments of the Server compute platform (what the local instances support).
 * - A deployment cut short by an emulator restart fails, and so does the action (the engine fails unfinished actions).
 */
import { relative, resolve, sep } from 'node:path';
import { type DeploymentService, DeploymentRefusal, bundledRevision } from '../../codedeploy/index.js';
import { findActionType, type DeploymentRecord, type Scope } from '../../model/index.js';
import { ActionFailure, type ActionRevision, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';
import { describeFailure } from './deployment-failure.js';

/** What the CodeDeploy action needs. */
export interface CodeDeployActionDeps {
  deployments: DeploymentService;
  /** The folder of artifacts kept before S3 (`<dataDir>/artifacts`), to report a zip handed over without a location at its bucket and key. */
  artifactsDir: string;
  /** Where a person can look at a deployment (the externalExecutionUrl). */
  deploymentUrl(deploymentId: string, region: string): string;
}

/** The bucket and key of an artifact zip kept under a folder of buckets (or its own folder and name when it is elsewhere). */
function artifactLocation(artifactsDir: string, zipPath: string): { bucket: string; key: string } {
  const rel = relative(resolve(artifactsDir), resolve(zipPath));
  const parts = rel.split(sep);
  if (rel.startsWith('..') || parts.length < 2) return { bucket: 'local', key: parts[parts.length - 1] };
  return { bucket: parts[0], key: parts.slice(1).join('/') };
}

async function start(deps: CodeDeployActionDeps, job: ActionJob, scope: Scope): Promise<DeploymentRecord> {
  const input = job.inputArtifacts[0];
  if (!input) throw new ActionFailure('ConfigurationError', 'The CodeDeploy action needs one input artifact: the revision zip with appspec.yml at its root.', false);
  const { bucket, key } = input.location ?? artifactLocation(deps.artifactsDir, input.zipPath);
  const request = { applicationName: job.configuration.ApplicationName ?? '', deploymentGroupName: job.configuration.DeploymentGroupName };
  try {
    return await deps.deployments.create(scope, request, { resolved: bundledRevision(bucket, key, input.zipPath) });
  } catch (error) {
    if (error instanceof DeploymentRefusal) throw new ActionFailure('JobFailed', error.message, true, {}, { cause: error });
    throw error;
  }
}

async function waitOrStop(deps: CodeDeployActionDeps, deployment: DeploymentRecord, signal: AbortSignal): Promise<DeploymentRecord> {
  try {
    return await deps.deployments.waitForEnd(deployment.deploymentId, signal);
  } catch (error) {
    if (!signal.aborted) throw error;
    try {
      deps.deployments.stop(deployment, deployment.deploymentId, false);
    } catch {
      // Already complete: nothing to stop.
    }
    throw new ActionFailure('JobFailed', `The action was abandoned; deployment ${deployment.deploymentId} was stopped.`, true, {}, { cause: error });
  }
}

/** The revision AWS shows as the action's `currentRevision`: the bundle's S3 location as JSON, its ETag as change id. */
function revisionOf(deployment: DeploymentRecord): ActionRevision | undefined {
  const s3 = deployment.revision?.s3Location;
  if (!s3) return undefined;
  const revisionId = JSON.stringify({ bucket: s3.bucket, key: s3.key, bundleType: s3.bundleType ?? 'zip', version: s3.version ?? null, etag: s3.eTag ?? null });
  return { revisionId, ...(s3.eTag ? { revisionChangeId: s3.eTag } : {}) };
}

/** Builds the CodeDeploy action over the emulator's deployments. */
export function codeDeployProvider(deps: CodeDeployActionDeps): ActionProvider {
  return {
    type: findActionType({ category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' })!,
    async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
      const scope = { account: job.account, region: job.region };
      const deployment = await start(deps, job, scope);
      const id = deployment.deploymentId;
      const links = { externalExecutionId: id, externalExecutionUrl: deps.deploymentUrl(id, job.region) };
      ctx.progress({ ...links, percentComplete: 0 });
      const stopProgress = deps.deployments.events.on('target:updated', (t) => {
        if (t.deploymentId !== id) return;
        const targets = deps.deployments.targets(id);
        const done = targets.filter((x) => x.status !== 'Pending' && x.status !== 'InProgress').length;
        ctx.progress({ percentComplete: targets.length ? Math.floor((100 * done) / targets.length) : 0 });
      });
      try {
        const ended = await waitOrStop(deps, deployment, ctx.signal);
        if (ended.status === 'Succeeded') return { ...links, summary: 'Deployment Succeeded', revision: revisionOf(deployment) };
        const failure = describeFailure(ended, deps.deployments.targets(id));
        throw new ActionFailure('JobFailed', failure.message, true, { ...links, summary: failure.summary });
      } finally {
        stopProgress();
      }
    },
  };
}
