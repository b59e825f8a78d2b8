import type {
  BatchDeleteBuildsInput,
  BatchDeleteBuildsOutput,
  RetryBuildInput,
  RetryBuildOutput,
  StartBuildInput,
  StartBuildOutput,
  StopBuildInput,
  StopBuildOutput,
} from '@aws-sdk/client-codebuild';
import { parseArn } from '../../shared/index.js';
import type { BuildRecord, BuildRequestRecord } from '../../store/index.js';
import type { RequestContext, HandlerInput, HandlerOutput } from '../protocol/index.js';
import type { CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceNotFoundException } from './errors.js';
import { assertValidArtifactsLocation } from './project-input.js';
import { requireProject } from './projects.js';
import { assertFleetExists } from './fleet-input.js';
import { buildView } from './views.js';

// A token repeated within this window returns the build it started (CodeBuild's idempotency window, ms).
const IDEMPOTENCY_WINDOW_MS = 5 * 60_000;

const OVERRIDES = [
  'sourceVersion',
  'buildspecOverride',
  'environmentVariablesOverride',
  'imageOverride',
  'timeoutInMinutesOverride',
  'queuedTimeoutInMinutesOverride',
  'privilegedModeOverride',
  'computeTypeOverride',
  'environmentTypeOverride',
  'sourceTypeOverride',
  'sourceLocationOverride',
  'artifactsOverride',
  'fleetOverride',
] as const;

function overridesOf(input: HandlerInput<StartBuildInput>): BuildRequestRecord {
  const request: Record<string, unknown> = {};
  for (const key of OVERRIDES) if (input[key] !== undefined) request[key] = input[key];
  return request as BuildRequestRecord;
}

/** The caller's name as CodeBuild records it in `initiator`: the last part of its ARN (`root`, a user or role session name). */
export function initiatorOf(ctx: RequestContext): string {
  return parseArn(ctx.principalArn)?.resource.split('/').pop() || 'root';
}

function requireBuild(deps: CodeBuildDeps, ctx: RequestContext, id: string | undefined): BuildRecord {
  if (!id || !id.includes(':')) throw new InvalidInputException('Invalid build ID provided'); // wording from moto
  const build = deps.store.getBuild(id, ctx);
  if (!build) throw new ResourceNotFoundException(`Build ${id} does not exist`); // wording from moto
  return build;
}

function startFromRequest(deps: CodeBuildDeps, ctx: RequestContext, projectName: string, request: BuildRequestRecord): BuildRecord {
  const { project } = requireProject(deps, ctx, projectName);
  assertValidArtifactsLocation(request.artifactsOverride, 'artifactsOverride');
  const sourceType = request.sourceTypeOverride ?? project.source.type;
  const artifactsType = (request.artifactsOverride ?? project.artifacts).type;
  if (sourceType === 'CODEPIPELINE' || artifactsType === 'CODEPIPELINE') {
    // wording inferred: AWS refuses StartBuild for CodePipeline-typed projects.
    throw new InvalidInputException(`Project ${projectName} has source or artifacts of type CODEPIPELINE: its builds can only be started by CodePipeline`);
  }
  if (request.fleetOverride !== undefined) assertFleetExists(deps, ctx, { fleet: request.fleetOverride });
  if (request.buildspecOverride === undefined && sourceType === 'NO_SOURCE' && !project.source.buildspec) {
    throw new InvalidInputException('Invalid source: buildspec must be specified for NO_SOURCE source type');
  }
  return deps.builds.start({ scope: ctx, project, request, initiator: initiatorOf(ctx) });
}

/** StartBuild: starts a build of the project with the given overrides and returns it as it stands (QUEUED). */
export function startBuild(deps: CodeBuildDeps, input: HandlerInput<StartBuildInput>, ctx: RequestContext): HandlerOutput<StartBuildOutput> {
  const request = overridesOf(input);
  const token = input.idempotencyToken;
  if (token) {
    const key = `${ctx.account}/${ctx.region}/${input.projectName}/${token}`;
    const seen = deps.idempotency.get(key);
    if (seen && deps.clock.now() - seen.atMs < IDEMPOTENCY_WINDOW_MS) {
      if (seen.request !== JSON.stringify(request)) {
        throw new InvalidInputException('Idempotency token was already used with different parameters'); // wording inferred
      }
      const earlier = deps.store.getBuild(seen.buildId, ctx);
      if (earlier) return { build: buildView(earlier) };
    }
    const build = startFromRequest(deps, ctx, input.projectName, { ...request, idempotencyToken: token });
    deps.idempotency.set(key, { buildId: build.id, request: JSON.stringify(request), atMs: deps.clock.now() });
    return { build: buildView(build) };
  }
  return { build: buildView(startFromRequest(deps, ctx, input.projectName, request)) };
}

/** StopBuild: stops a running build (its container is removed) and returns it; a finished build is returned as it is. */
export async function stopBuild(deps: CodeBuildDeps, input: HandlerInput<StopBuildInput>, ctx: RequestContext): Promise<HandlerOutput<StopBuildOutput>> {
  const build = requireBuild(deps, ctx, input.id);
  const stopped = build.buildComplete ? build : ((await deps.builds.stop(build.id)) ?? build);
  return { build: buildView(stopped) };
}

/** RetryBuild: starts a new build of the same project with the same overrides. */
export function retryBuild(deps: CodeBuildDeps, input: HandlerInput<RetryBuildInput>, ctx: RequestContext): HandlerOutput<RetryBuildOutput> {
  const build = requireBuild(deps, ctx, input.id);
  if (!build.request) {
    throw new InvalidInputException(`Build ${build.id} was started by CodePipeline: retry it from its pipeline (RetryStageExecution)`); // wording inferred
  }
  if (!build.buildComplete) throw new InvalidInputException(`Build ${build.id} is still in progress`); // wording inferred
  const { idempotencyToken: _token, ...request } = build.request;
  return { build: buildView(startFromRequest(deps, ctx, build.projectName, request)) };
}

/** BatchDeleteBuilds: deletes finished builds and their logs; running and unknown ones are reported as not deleted. */
export function batchDeleteBuilds(deps: CodeBuildDeps, input: HandlerInput<BatchDeleteBuildsInput>, ctx: RequestContext): HandlerOutput<BatchDeleteBuildsOutput> {
  const buildsDeleted: string[] = [];
  const buildsNotDeleted: { id: string; statusCode: string }[] = [];
  for (const id of input.ids) {
    const build = deps.store.getBuild(id, ctx);
    // Status codes inferred: AWS documents the member but not its values.
    if (!build) buildsNotDeleted.push({ id, statusCode: 'BUILD_NOT_FOUND' });
    else if (!build.buildComplete || deps.builds.isRunning(id)) buildsNotDeleted.push({ id, statusCode: 'BUILD_IN_PROGRESS' });
    else {
      deps.store.deleteBuild(id);
      deps.logs.remove(id);
      buildsDeleted.push(id);
    }
  }
  return { buildsDeleted, buildsNotDeleted };
}
