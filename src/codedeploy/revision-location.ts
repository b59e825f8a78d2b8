import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { downloadObject, S3Refusal, selectObject, type ObjectReaders, type ObjectSelector } from '../s3/index.js';
import { objectPath } from '../shared/index.js';
import type { RevisionLocation } from '../store/index.js';
import type { FetchedObject } from './application-revisions.js';
import { DeploymentRefusal } from './deployment-refusal.js';

/** Where S3 revisions are read from: the S3 stand-in, then the pipelines' artifact folder of before S3. */
export interface RevisionSources {
  /** The one S3Storage over `--s3-dir`. */
  s3: ObjectReaders;
  /** `<dataDir>/artifacts/<bucket>/<key>`: where pipeline artifacts were kept before S3, so their locations can be redeployed. */
  artifactsDir: string;
}

/** A revision that was found: its location as the deployment reports it, what was fetched of it, and how to make its bundle. */
export interface ResolvedRevision {
  revision: RevisionLocation;
  /** The S3 object's version id and ETag, when the revision is an S3 object. */
  fetched?: FetchedObject;
  /** Writes the revision's bundle (zip, tar or tar.gz) to a path. */
  writeTo(path: string): Promise<void>;
}

/** The bundle types an in-place deployment to an instance unpacks. */
const SERVER_BUNDLE_TYPES = ['zip', 'tar', 'tgz'];

/** The MD5 of a file, as S3 reports an ETag of a single-part upload. */
function md5Of(path: string): string {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

async function resolveS3(revision: RevisionLocation, sources: RevisionSources): Promise<ResolvedRevision> {
  const location = revision.s3Location ?? {};
  const { bucket = '', key = '', version, eTag } = location;
  const bundleType = location.bundleType ?? 'zip';
  if (!bucket || !key) throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: an S3 revision needs a bucket and a key.');
  if (!SERVER_BUNDLE_TYPES.includes(bundleType)) {
    throw new DeploymentRefusal('InvalidRevision', `The revision bundle type ${bundleType} is not valid for the Server compute platform: use zip, tar or tgz.`);
  }
  const reported: RevisionLocation = { revisionType: 'S3', s3Location: { ...location, bucket, key, bundleType } };
  const selector: ObjectSelector = { bucket, key, ...(version ? { versionId: version } : {}), ...(eTag ? { eTag } : {}) };
  try {
    const meta = await selectObject(sources.s3, selector);
    const pinned = { ...selector, ...(meta.versionId !== 'null' ? { versionId: meta.versionId } : {}), eTag: meta.etag };
    const fetched = { ...(meta.versionId !== 'null' ? { version: meta.versionId } : {}), eTag: meta.etag };
    return { revision: reported, fetched, writeTo: async (dest) => void (await downloadObject(sources.s3, pinned, dest)) };
  } catch (error) {
    if (!(error instanceof S3Refusal)) throw error;
    if (['InvalidBucketName', 'InvalidArgument', 'KeyTooLongError'].includes(error.code)) {
      throw new DeploymentRefusal('InvalidRevision', `The revision s3://${bucket}/${key} is invalid: ${error.message}`);
    }
    // Artifacts of pipelines run before S3 was emulated are still files of the data folder.
    const old = version || eTag ? undefined : objectPath(sources.artifactsDir, bucket, key);
    if (old !== undefined && existsSync(old) && statSync(old).isFile()) return fileRevision(reported, old);
    throw new DeploymentRefusal('RevisionDoesNotExist', `The revision s3://${bucket}/${key} does not exist: ${error.code}: ${error.message}`);
  }
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
    writeTo: async (dest) => void (mkdirSync(dirname(dest), { recursive: true }), writeFileSync(dest, zip)),
  };
}

/** A revision whose bundle is already a file on this machine: its bundle is a copy of that file. */
export function fileRevision(revision: RevisionLocation, bundlePath: string): ResolvedRevision {
  return {
    revision,
    writeTo: async (dest) => {
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(bundlePath, dest);
    },
  };
}

/**
 * Finds a CreateDeployment revision: an S3 object (zip, tar or tgz; `version` or `eTag` choosing one version of it)
 * read through the S3 stand-in, or an appspec given inline (`AppSpecContent`), bundled as a zip holding appspec.yml.
 */
export async function resolveRevision(revision: RevisionLocation | undefined, sources: RevisionSources): Promise<ResolvedRevision> {
  const type = revision?.revisionType ?? (revision?.s3Location ? 'S3' : revision?.appSpecContent ? 'AppSpecContent' : undefined);
  if (!revision || !type) throw new DeploymentRefusal('RevisionRequired', 'The revision ID was not specified.');
  if (type === 'S3') return resolveS3(revision, sources);
  if (type === 'AppSpecContent') return resolveAppSpecContent(revision);
  throw new DeploymentRefusal('InvalidRevision', `The revision type ${type} is not supported by codepipeline-local: use S3 (an object of the emulator's S3) or AppSpecContent.`);
}

/** A revision already bundled as a zip on this machine (a pipeline's input artifact), with the location it is reported at. */
export function bundledRevision(bucket: string, key: string, zipPath: string): ResolvedRevision {
  const eTag = md5Of(zipPath);
  return { ...fileRevision({ revisionType: 'S3', s3Location: { bucket, key, bundleType: 'zip', eTag } }, zipPath), fetched: { eTag } };
}
