/**
 * The contract between the CodeBuild service (API, projects, pipeline action) and the build runner
 * (one container per build, buildspec phases, artifact packaging). Both sides code against these types.
 */
import type Dockerode from 'dockerode';
import type { BuildOutcome, BuildPhase } from '../model/index.js';
import type { BuildContainers } from './build-containers.js';

// The records a build produces belong to the model (the store keeps them); the runner's side names them from here too.
export type { BuildOutcome, BuildPhase, BuildPhaseType, BuildStatus } from '../model/index.js';

/** An environment variable as CodeBuild's API carries it; PARAMETER_STORE and SECRETS_MANAGER values are resolved before the runner sees them. */
export interface BuildEnvironmentVariable {
  name: string;
  value: string;
  type?: 'PLAINTEXT' | 'PARAMETER_STORE' | 'SECRETS_MANAGER';
}

/** One source of a build: a folder on this machine whose contents are copied into the container. */
export interface BuildSourceInput {
  /** `undefined` for the primary source; the source identifier (artifact name) for secondary ones. */
  identifier?: string;
  /** A folder holding the source tree (an unzipped input artifact or a git checkout). */
  dir: string;
  /** The source version (commit id) when known, for CODEBUILD_RESOLVED_SOURCE_VERSION. */
  resolvedSourceVersion?: string;
  /** CODEBUILD_SOURCE_VERSION(_<identifier>): under CodePipeline the input artifact's S3 ARN; a commit or branch otherwise. */
  sourceVersion?: string;
  /** CODEBUILD_SOURCE_REPO_URL(_<identifier>): the repository's clone URL, when there is one. */
  sourceRepoUrl?: string;
}

/** Where and how the build's output artifacts go. */
export interface BuildArtifactsRequest {
  /** The primary artifact's identifier (the pipeline's first output artifact name), or undefined when the build has none. */
  primary?: string;
  /** Secondary artifact identifiers the caller expects (pipeline output artifacts 2..n). */
  secondary: string[];
  /** The folder the runner writes one zip per artifact into: `<outDir>/<identifier>.zip`. */
  outDir: string;
}

/** The Docker engine a build was placed on, when the executor chose one (the runner's own otherwise). */
export interface BuildEngineHandle {
  /** The engine's DOCKER_HOST-style address, for messages. */
  host: string;
  docker: Dockerode;
  containers: BuildContainers;
  /** Says whether an error means the engine could not be reached (and marks it so): its description, or undefined. */
  failed(error: unknown): string | undefined;
}

/** Everything the runner needs to run one build. */
export interface BuildRequest {
  /** `<project>:<uuid>`, CodeBuild's build id. */
  buildId: string;
  buildNumber: number;
  projectName: string;
  account: string;
  region: string;
  /** The local Docker image to run (already mapped from CodeBuild's image name, and present). */
  image: string;
  /** The image as the project names it (`aws/codebuild/standard:7.0`), for CODEBUILD_BUILD_IMAGE; `image` when absent. */
  imageName?: string;
  /** The buildspec text (YAML), already read from the source or the project. */
  buildspec: string;
  /** Where the buildspec came from, for the `YAML location is ...` log line. */
  buildspecLocation: string;
  /** Variables in CodeBuild's precedence, lowest first: project, then StartBuild/pipeline overrides (all resolved to plain values). */
  environmentVariables: BuildEnvironmentVariable[];
  sources: BuildSourceInput[];
  artifacts: BuildArtifactsRequest;
  /** The build timeout in minutes (5-2160). */
  timeoutInMinutes: number;
  privilegedMode: boolean;
  /** CodeBuild's compute type (`BUILD_GENERAL1_SMALL`, ...), which sets the container's memory and CPUs. */
  computeType?: string;
  /** `codepipeline/<pipeline>` when a pipeline started it; the user otherwise. */
  initiator: string;
  /** `CODEBUILD_WEBHOOK_*` of a build a webhook started; absent otherwise. */
  webhookVariables?: Record<string, string>;
  /** The build's identifier in its batch, for CODEBUILD_BATCH_BUILD_IDENTIFIER; absent outside batches. */
  batchBuildIdentifier?: string;
  /** A Docker volume name kept between builds of the project, for `cache: paths`. */
  cacheVolume?: string;
  /**
   * Resolves the buildspec's own `env.parameter-store` / `env.secrets-manager` references (the runner sees them only
   * once the buildspec is parsed). A thrown Error's message becomes the DOWNLOAD_SOURCE context. When absent, a
   * buildspec that uses them fails with a message saying so.
   */
  resolveBuildspecSecret?(type: 'PARAMETER_STORE' | 'SECRETS_MANAGER', reference: string): Promise<string>;
  /** The engine the executor placed the build on; the runner's own engine when absent. */
  engine?: BuildEngineHandle;
  /** Aborted by StopBuild (or the pipeline abandoning the action). */
  signal: AbortSignal;
  /** Receives each log line as it is printed, including the `[Container]` lines. */
  onLog(line: string): void;
  /** Receives each phase as it starts and again as it ends. */
  onPhase(phase: BuildPhase): void;
}

/** Runs one build to its end; never throws for a failing build (that is an outcome), only for a bug. */
export type RunBuild = (request: BuildRequest) => Promise<BuildOutcome>;
