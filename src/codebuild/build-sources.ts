import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { downloadObject, S3Refusal, type ObjectReaders } from '../s3/index.js';
import { hasDotSegment, isBucketName, s3PathOf } from '../shared/index.js';
import type { CodeBuildSource, Scope } from '../store/index.js';
import type { BuildSourceInput } from './build-request.js';
import { extractZip } from './extract-zip.js';
import { cloneAndCheckout } from './git-checkout.js';

/** The sources of a build, ready on this machine. */
export interface PreparedSources {
  sources: BuildSourceInput[];
  /** The commit (or object version) the primary source resolved to. */
  resolvedSourceVersion?: string;
}

/** Puts a build's sources into folders under `dir`; throws SourceFailure when they cannot be fetched. */
export type SourcePreparer = (dir: string) => Promise<PreparedSources>;

/** A source that cannot be fetched: DOWNLOAD_SOURCE fails with this context. */
export class SourceFailure extends Error {
  constructor(
    message: string,
    readonly statusCode = 'CLIENT_ERROR',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceFailure';
  }
}

/** Where project sources come from outside pipelines. */
export interface ProjectSourceDeps {
  /** The one S3 stand-in, which S3 sources are read through. */
  s3: ObjectReaders;
  /** Finds a CodeCommit repository of the emulator by name. */
  repository(scope: Scope, name: string): { gitDir: string } | undefined;
}

/** Splits an S3 location (`bucket/key` or `arn:aws:s3:::bucket/key`) into its bucket and key; a key may not climb out of its bucket. */
export function s3Location(location: string): { bucket: string; key: string } {
  const [bucket, ...rest] = s3PathOf(location).split('/');
  const key = rest.join('/');
  if (!isBucketName(bucket) || key === '' || hasDotSegment(key)) throw new SourceFailure(`Invalid S3 location ${location}: expected bucket/key`);
  return { bucket, key };
}

/** The repository name in a CodeCommit clone URL (`https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>`, or the emulator's). */
export function codeCommitRepositoryName(location: string): string | undefined {
  return /\/v1\/repos\/([\w.-]+?)(?:\.git)?\/?$/.exec(location)?.[1] ?? (/^[\w.-]+$/.test(location) ? location : undefined);
}

async function codeCommitSource(deps: ProjectSourceDeps, scope: Scope, source: CodeBuildSource, version: string | undefined, dir: string): Promise<PreparedSources> {
  const name = codeCommitRepositoryName(source.location ?? '');
  const repository = name ? deps.repository(scope, name) : undefined;
  if (!repository) {
    throw new SourceFailure(`repository not found for primary source and source version ${version ?? 'HEAD'}: ${source.location ?? '(no location)'}`);
  }
  try {
    const resolvedSourceVersion = await cloneAndCheckout(repository.gitDir, dir, { version });
    const location = source.location ?? '';
    return { sources: [{ dir, resolvedSourceVersion, sourceRepoUrl: location, ...(version ? { sourceVersion: version } : {}) }], resolvedSourceVersion };
  } catch (error) {
    throw new SourceFailure(`git clone of ${source.location} at ${version ?? 'HEAD'} failed: ${(error as Error).message}`, 'CLIENT_ERROR', { cause: error });
  }
}

async function s3Source(deps: ProjectSourceDeps, source: CodeBuildSource, version: string | undefined, root: string, dir: string): Promise<PreparedSources> {
  const { bucket, key } = s3Location(source.location ?? '');
  const zip = join(root, 'source.zip');
  let versionId: string;
  try {
    versionId = (await downloadObject(deps.s3, { bucket, key, ...(version ? { versionId: version } : {}) }, zip)).versionId;
  } catch (error) {
    if (!(error instanceof S3Refusal)) throw error;
    throw new SourceFailure(`${error.code}: ${error.message} (s3://${bucket}/${key}${version ? ` version ${version}` : ''})`, 'CLIENT_ERROR', { cause: error });
  }
  try {
    extractZip(zip, dir);
  } catch (error) {
    throw new SourceFailure(`The S3 source ${source.location} is not a zip file: ${(error as Error).message}`, 'CLIENT_ERROR', { cause: error });
  }
  // CodeBuild resolves an S3 source to its object version only on a versioned bucket.
  const resolved = versionId === 'null' ? {} : { resolvedSourceVersion: versionId };
  return { sources: [{ dir, sourceRepoUrl: `s3://${bucket}/${key}`, ...(version ? { sourceVersion: version } : {}), ...resolved }], ...resolved };
}

/** The preparer of a project's own source (StartBuild outside pipelines): NO_SOURCE, S3 (a zip object; sourceVersion picks its version) or CODECOMMIT (a clone). */
export function projectSources(deps: ProjectSourceDeps, scope: Scope, source: CodeBuildSource, version?: string): SourcePreparer {
  return async (root) => {
    const dir = join(root, 'src');
    mkdirSync(dir, { recursive: true });
    switch (source.type) {
      case 'NO_SOURCE':
        return { sources: [{ dir }] };
      case 'S3':
        return s3Source(deps, source, version, root, dir);
      case 'CODECOMMIT':
        return codeCommitSource(deps, scope, source, version, join(root, 'clone'));
      default:
        throw new SourceFailure(`Source type ${source.type} is not emulated by codepipeline-local: use NO_SOURCE, S3 or CODECOMMIT, or run the project from a pipeline`);
    }
  };
}
