import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { objectPath, s3PathOf } from '../shared/index.js';
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
  /** The folder standing in for S3: `<s3Dir>/<bucket>/<key>`. */
  s3Dir: string;
  /** Finds a CodeCommit repository of the emulator by name. */
  repository(scope: Scope, name: string): { gitDir: string } | undefined;
}

/** Splits an S3 location (`bucket/key` or `arn:aws:s3:::bucket/key`) into the file standing in for the object, inside its bucket's folder. */
export function s3ObjectPath(s3Dir: string, location: string): string {
  const [bucket, ...key] = s3PathOf(location).split('/');
  const file = objectPath(s3Dir, bucket, key.join('/'));
  if (file === undefined) throw new SourceFailure(`Invalid S3 location ${location}: expected bucket/key`);
  return file;
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

function s3Source(deps: ProjectSourceDeps, source: CodeBuildSource, dir: string): PreparedSources {
  const file = s3ObjectPath(deps.s3Dir, source.location ?? '');
  if (!existsSync(file)) throw new SourceFailure(`NoSuchKey: The specified key does not exist. (${source.location} is ${file} on this machine)`);
  try {
    extractZip(file, dir);
  } catch (error) {
    throw new SourceFailure(`The S3 source ${source.location} is not a zip file: ${(error as Error).message}`, 'CLIENT_ERROR', { cause: error });
  }
  return { sources: [{ dir, sourceRepoUrl: `s3://${s3PathOf(source.location ?? '')}` }] };
}

/** The preparer of a project's own source (StartBuild outside pipelines): NO_SOURCE, S3 (a zip) or CODECOMMIT (a clone). */
export function projectSources(deps: ProjectSourceDeps, scope: Scope, source: CodeBuildSource, version?: string): SourcePreparer {
  return async (root) => {
    const dir = join(root, 'src');
    mkdirSync(dir, { recursive: true });
    switch (source.type) {
      case 'NO_SOURCE':
        return { sources: [{ dir }] };
      case 'S3':
        return s3Source(deps, source, dir);
      case 'CODECOMMIT':
        return codeCommitSource(deps, scope, source, version, join(root, 'clone'));
      default:
        throw new SourceFailure(`Source type ${source.type} is not emulated by codepipeline-local: use NO_SOURCE, S3 or CODECOMMIT, or run the project from a pipeline`);
    }
  };
}
