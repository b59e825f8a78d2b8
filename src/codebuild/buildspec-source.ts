import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { openObject, S3Refusal, type ObjectReaders } from '../s3/index.js';
import { isInside, s3PathOf } from '../shared/index.js';
import { s3Location, SourceFailure } from './build-sources.js';

/** Where CodeBuild reports an inline buildspec to be (`YAML location is ...`). */
export const INLINE_BUILDSPEC_LOCATION = '/codebuild/readonly/buildspec.yml';

/** A buildspec that cannot be found: DOWNLOAD_SOURCE fails with YAML_FILE_ERROR. */
export class BuildspecMissing extends Error {
  readonly statusCode = 'YAML_FILE_ERROR';

  constructor(message: string) {
    super(message);
    this.name = 'BuildspecMissing';
  }
}

/** The buildspec text and where it was found. */
export interface BuildspecText {
  text: string;
  /** An absolute path in the container for inline buildspecs, a path relative to CODEBUILD_SRC_DIR for source files, or the S3 ARN. */
  location: string;
}

/** Whether a project's `buildspec` value is the YAML itself rather than a file name (CodeBuild's own rule of thumb). */
export function isInlineBuildspec(value: string): boolean {
  return value.includes('\n') || /^\s*version\s*:/.test(value);
}

/**
 * Finds the buildspec of a build: the override or the project's value, inline YAML, an S3 ARN, or a file relative
 * to the primary source (buildspec.yml by default).
 */
export async function readBuildspec(value: string | undefined, primaryDir: string | undefined, s3: ObjectReaders): Promise<BuildspecText> {
  const spec = value?.trim() ? value : 'buildspec.yml';
  if (isInlineBuildspec(spec)) return { text: spec, location: INLINE_BUILDSPEC_LOCATION };
  if (s3PathOf(spec) !== spec) return { text: await readS3Buildspec(s3, spec), location: spec };
  if (!primaryDir) throw new BuildspecMissing('YAML file does not exist');
  const file = resolve(primaryDir, spec);
  const rel = relative(primaryDir, file);
  // A buildspec path must stay inside the source: the build never reads the emulator's own files.
  if (!isInside(primaryDir, file) || !existsSync(file) || !statSync(file).isFile()) throw new BuildspecMissing('YAML file does not exist');
  return { text: readFileSync(file, 'utf8'), location: rel };
}

async function readS3Buildspec(s3: ObjectReaders, arn: string): Promise<string> {
  try {
    return await text((await openObject(s3, s3Location(arn))).body);
  } catch (error) {
    if (error instanceof S3Refusal || error instanceof SourceFailure) throw new BuildspecMissing('YAML file does not exist');
    throw error;
  }
}
