import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { objectPath } from '../shared/index.js';
import type { RevisionLocation } from '../store/index.js';
import { DeploymentRefusal } from './deployment-refusal.js';

/** The folders S3-style revisions are read from: the local buckets, then the pipelines' artifact store. */
export interface RevisionSources {
  /** `<s3Dir>/<bucket>/<key>`: the folder standing in for S3. */
  s3Dir: string;
  /** `<dataDir>/artifacts/<bucket>/<key>`: where pipeline artifacts are kept, so their locations can be redeployed. */
  artifactsDir: string;
}

/** A revision that was found: its location as the deployment reports it, and how to make its bundle zip. */
export interface ResolvedRevision {
  revision: RevisionLocation;
  /** Writes the revision's zip to a path. */
  writeTo(path: string): void;
}

/** The MD5 of a file, as S3 reports an ETag of a single-part upload. */
function md5Of(path: string): string {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

function resolveS3(revision: RevisionLocation, sources: RevisionSources): ResolvedRevision {
  const location = revision.s3Location ?? {};
  const { bucket = '', key = '' } = location;
  const bundleType = location.bundleType ?? 'zip';
  if (!bucket || !key) throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: an S3 revision needs a bucket and a key.');
  if (bundleType !== 'zip') {
    throw new DeploymentRefusal('InvalidRevision', `The revision bundle type ${bundleType} is not supported by codepipeline-local: use zip.`);
  }
  const candidates = [objectPath(sources.s3Dir, bucket, key), objectPath(sources.artifactsDir, bucket, key)];
  if (candidates[0] === undefined) throw new DeploymentRefusal('InvalidRevision', `The revision s3://${bucket}/${key} is invalid: its bucket or key leaves the bucket folder.`);
  const path = candidates.find((p) => p !== undefined && existsSync(p) && statSync(p).isFile());
  if (!path) {
    throw new DeploymentRefusal('RevisionDoesNotExist', `The revision s3://${bucket}/${key} does not exist: codepipeline-local looked for the file ${candidates[0]}.`);
  }
  return fileRevision({ revisionType: 'S3', s3Location: { ...location, bucket, key, bundleType } }, path);
}

function resolveAppSpecContent(revision: RevisionLocation): ResolvedRevision {
  const content = revision.appSpecContent?.content;
  if (content === undefined || content === '') throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: appSpecContent needs a content.');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const given = revision.appSpecContent?.sha256;
  if (given !== undefined && given.toLowerCase() !== sha256) {
    throw new DeploymentRefusal('InvalidRevision', `The revision is invalid: the sha256 ${given} does not match the appSpecContent's (${sha256}).`);
  }
  const zip = zipSync({ 'appspec.yml': strToU8(content) });
  return {
    revision: { revisionType: 'AppSpecContent', appSpecContent: { content, sha256 } },
    writeTo: (dest) => (mkdirSync(dirname(dest), { recursive: true }), writeFileSync(dest, zip)),
  };
}

/** A revision whose bundle zip is already a file on this machine: its zip is a copy of that file. */
export function fileRevision(revision: RevisionLocation, zipPath: string): ResolvedRevision {
  return {
    revision,
    writeTo: (dest) => {
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(zipPath, dest);
    },
  };
}

/**
 * Finds a CreateDeployment revision on this machine: S3 revisions (zip bundles) in the local bucket folder
 * (or the artifact store), or an appspec given inline (`AppSpecContent`), bundled as a zip holding appspec.yml.
 */
export function resolveRevision(revision: RevisionLocation | undefined, sources: RevisionSources): ResolvedRevision {
  const type = revision?.revisionType ?? (revision?.s3Location ? 'S3' : revision?.appSpecContent ? 'AppSpecContent' : undefined);
  if (!revision || !type) throw new DeploymentRefusal('RevisionRequired', 'The revision ID was not specified.');
  if (type === 'S3') return resolveS3(revision, sources);
  if (type === 'AppSpecContent') return resolveAppSpecContent(revision);
  throw new DeploymentRefusal('InvalidRevision', `The revision type ${type} is not supported by codepipeline-local: use S3 (a zip in the local bucket folder) or AppSpecContent.`);
}

/** A revision already bundled as a zip on this machine (a pipeline's input artifact), with the location it is reported at. */
export function bundledRevision(bucket: string, key: string, zipPath: string): ResolvedRevision {
  return fileRevision({ revisionType: 'S3', s3Location: { bucket, key, bundleType: 'zip', eTag: md5Of(zipPath) } }, zipPath);
}
