import type { ObjectReaders } from '../s3/index.js';
import type { BuildRecord, CodeBuildEnvironmentVariable } from '../store/index.js';
import type { BuildPhaseType, BuildSourceInput } from './build-request.js';
import { BuildspecMissing, readBuildspec, type BuildspecText } from './buildspec-source.js';
import { SourceFailure, type SourcePreparer } from './build-sources.js';
import { ImageUnavailableError } from './images.js';
import { SecretLookupError, type SecretsFile } from './secrets.js';

/** A build that cannot start: the phase it fails in and the context CodeBuild reports for it. */
export class BuildSetupFailure extends Error {
  constructor(
    readonly phase: BuildPhaseType,
    readonly statusCode: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BuildSetupFailure';
  }
}

/** A build aborted (StopBuild) before its runner started. */
export class BuildAborted extends Error {
  constructor() {
    super('The build was stopped');
    this.name = 'BuildAborted';
  }
}

/** Everything a build needs before its container starts. */
export interface PreparedBuild {
  image: string;
  buildspec: BuildspecText;
  sources: BuildSourceInput[];
  resolvedSourceVersion?: string;
  variables: CodeBuildEnvironmentVariable[];
}

/** What preparing a build uses. */
export interface PreparationDeps {
  images: { prepare(image: string, progress: (line: string) => void): Promise<string> };
  secrets: SecretsFile;
  /** The one S3 stand-in: buildspecs named by an S3 ARN are read through it. */
  s3: ObjectReaders;
}

/** Waits for a promise unless the signal aborts first. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new BuildAborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new BuildAborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function prepareImage(deps: PreparationDeps, build: BuildRecord, say: (line: string) => void, signal: AbortSignal): Promise<string> {
  try {
    return await unlessAborted(deps.images.prepare(build.environment.image, say), signal);
  } catch (error) {
    if (error instanceof ImageUnavailableError) throw new BuildSetupFailure('PROVISIONING', 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE', error.message, { cause: error });
    throw error;
  }
}

/** In DOWNLOAD_SOURCE terms: a source, buildspec or secret that cannot be had fails the build there. */
function asDownloadFailure(error: unknown): unknown {
  if (error instanceof SourceFailure || error instanceof BuildspecMissing || error instanceof SecretLookupError) {
    return new BuildSetupFailure('DOWNLOAD_SOURCE', error.statusCode, error.message, { cause: error });
  }
  return error;
}

/**
 * Gets a build ready for its runner: the image present, the sources on disk, the buildspec read and every
 * PARAMETER_STORE / SECRETS_MANAGER variable resolved (their values pushed onto `secrets` for masking).
 */
export async function prepareBuild(
  deps: PreparationDeps,
  build: BuildRecord,
  input: { sources: SourcePreparer; workDir: string; signal: AbortSignal; say: (line: string) => void; secrets: string[] },
): Promise<PreparedBuild> {
  const image = await prepareImage(deps, build, input.say, input.signal);
  try {
    const prepared = await unlessAborted(input.sources(input.workDir), input.signal);
    const primary = prepared.sources.find((s) => s.identifier === undefined);
    const buildspec = await readBuildspec(build.source.buildspec, primary?.dir, deps.s3);
    const resolved = deps.secrets.resolveAll(build.environment.environmentVariables ?? []);
    input.secrets.push(...resolved.secrets);
    return { image, buildspec, sources: prepared.sources, resolvedSourceVersion: prepared.resolvedSourceVersion, variables: resolved.variables };
  } catch (error) {
    throw asDownloadFailure(error);
  }
}
