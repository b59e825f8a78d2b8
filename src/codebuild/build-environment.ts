import { randomInt } from 'node:crypto';
import type { BuildRequest } from './build-request.js';
import { buildArn, projectArn, s3ManagedKeyArn } from './codebuild-arns.js';
import type { Buildspec } from './buildspec.js';

/** Where the build's sources live inside the container. */
export interface SourceLayout {
  /** CODEBUILD_SRC_DIR: the primary source. */
  srcDir: string;
  /** CODEBUILD_SRC_DIR_<identifier> for each secondary source. */
  secondary: Record<string, string>;
}

/**
 * Lays out the sources as CodeBuild does: `/codebuild/output/src<digits>/src` for a lone source; with secondary
 * sources the primary moves to `.../src/s3/00` and the others follow at `.../src/s3/01`, `02`, ... [obs: real logs].
 */
export function sourceLayout(request: Pick<BuildRequest, 'sources'>, digits = randomDigits()): SourceLayout {
  const root = `/codebuild/output/src${digits}/src`;
  const secondaries = request.sources.filter((s) => s.identifier !== undefined);
  if (secondaries.length === 0) return { srcDir: root, secondary: {} };
  const secondary: Record<string, string> = {};
  secondaries.forEach((s, index) => {
    secondary[s.identifier as string] = `${root}/s3/${String(index + 1).padStart(2, '0')}`;
  });
  return { srcDir: `${root}/s3/00`, secondary };
}

/** What {@link buildEnvironment} needs besides the request. */
export interface EnvironmentInputs {
  layout: SourceLayout;
  /** The parsed buildspec; undefined when it did not parse (the build fails in DOWNLOAD_SOURCE). */
  buildspec?: Buildspec;
  /** The buildspec's parameter-store and secrets-manager variables, resolved. */
  buildspecSecrets?: Record<string, string>;
  startMs: number;
}

/**
 * The environment of the build container, in CodeBuild's precedence: its built-in variables, then the buildspec's
 * `env.variables` (and its resolved parameter-store and secrets-manager variables), then the project's and StartBuild's (request order, later wins); `CODEBUILD_*` built-ins are
 * reserved and always keep CodeBuild's value.
 */
export function buildEnvironment(request: BuildRequest, inputs: EnvironmentInputs): Record<string, string> {
  const env: Record<string, string> = {
    AWS_DEFAULT_REGION: request.region,
    AWS_REGION: request.region,
    ...(inputs.buildspec?.env.variables ?? {}),
    ...(inputs.buildspecSecrets ?? {}),
  };
  for (const variable of request.environmentVariables) env[variable.name] = variable.value;
  return { ...env, ...codebuildVariables(request, inputs) };
}

/** The uuid part of a `<project>:<uuid>` build id (CODEBUILD_LOG_PATH, the container's name). */
export function buildUuid(buildId: string): string {
  return buildId.slice(buildId.lastIndexOf(':') + 1);
}

/** The `CODEBUILD_*` variables CodeBuild sets in every build container. */
function codebuildVariables(request: BuildRequest, inputs: EnvironmentInputs): Record<string, string> {
  const vars: Record<string, string> = {
    CODEBUILD_BUILD_ARN: buildArn(request, request.buildId),
    CODEBUILD_BUILD_ID: request.buildId,
    CODEBUILD_BUILD_IMAGE: request.imageName ?? request.image,
    CODEBUILD_BUILD_NUMBER: String(request.buildNumber),
    CODEBUILD_BUILD_SUCCEEDING: '1',
    CODEBUILD_BUILD_URL: `https://${request.region}.console.aws.amazon.com/codebuild/home?region=${request.region}#/builds/${encodeURIComponent(request.buildId)}/view/new`,
    CODEBUILD_CI: 'true',
    CODEBUILD_INITIATOR: request.initiator,
    CODEBUILD_KMS_KEY_ID: s3ManagedKeyArn(request),
    CODEBUILD_LAST_EXIT: '0',
    CODEBUILD_LOG_PATH: buildUuid(request.buildId),
    CODEBUILD_PROJECT_ARN: projectArn(request, request.projectName),
    CODEBUILD_SRC_DIR: inputs.layout.srcDir,
    CODEBUILD_START_TIME: String(inputs.startMs),
  };
  for (const source of request.sources) {
    const suffix = source.identifier === undefined ? '' : `_${source.identifier}`;
    if (source.identifier !== undefined) vars[`CODEBUILD_SRC_DIR${suffix}`] = inputs.layout.secondary[source.identifier];
    if (source.sourceVersion !== undefined) vars[`CODEBUILD_SOURCE_VERSION${suffix}`] = source.sourceVersion;
    if (source.sourceRepoUrl !== undefined) vars[`CODEBUILD_SOURCE_REPO_URL${suffix}`] = source.sourceRepoUrl;
  }
  if (request.batchBuildIdentifier !== undefined) vars.CODEBUILD_BATCH_BUILD_IDENTIFIER = request.batchBuildIdentifier;
  Object.assign(vars, request.webhookVariables);
  const primary = request.sources.find((s) => s.identifier === undefined);
  if (primary?.resolvedSourceVersion !== undefined) {
    vars.CODEBUILD_RESOLVED_SOURCE_VERSION = primary.resolvedSourceVersion;
  }
  return vars;
}

/** The values to print as `***`: those the request resolved from Parameter Store or Secrets Manager. */
export function secretValues(request: BuildRequest): string[] {
  return request.environmentVariables.filter((v) => v.type !== undefined && v.type !== 'PLAINTEXT').map((v) => v.value);
}

function randomDigits(): string {
  // CodeBuild's folder names carry 9 to 10 random digits (src2259161606, src416057865).
  return String(randomInt(100_000_000, 4_294_967_295));
}
