/**
 * The S3 deploy action (Deploy/AWS/S3/1): writes the input artifact as objects of the S3 stand-in, bucket
 * `BucketName`: each file of the zip as an object under the ObjectKey prefix (Extract "true"), or the zip itself as
 * the object ObjectKey ("false"). The objects are S3's (ETag, version id on a versioned bucket, `aws s3 ls` lists them).
 *
 * LIMITATIONS:
 * - CannedACL and KMSEncryptionKeyARN are recorded with each object (HeadObject shows the KMS key), not enforced: there
 *   are no ACLs and the bytes are not encrypted. CacheControl is the objects' Cache-Control, as in S3.
 * - Objects are files: a key that is a prefix of another key (`a` and `a/b`) cannot both exist.
 * - Extracted objects get S3's default content type (binary/octet-stream), not one guessed from their names.
 * - Zip entries are written as regular objects (symlink entries are not re-created as links).
 * - The whole artifact is read into memory, which suits local artifacts, not multi-gigabyte ones.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, posix } from 'node:path';
import { unzipSync } from 'fflate';
import { findActionType } from '../../model/index.js';
import { S3Refusal, type PutAttributes, type S3Storage } from '../../s3/index.js';
import { isBucketName } from '../../shared/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';

/** What the S3 deploy action needs: the S3 stand-in it writes to. */
export interface S3DeployDeps {
  s3: S3Storage;
}

// Abort is checked between objects; writes yield to the event loop this often so StopPipelineExecution can land.
const OBJECTS_PER_YIELD = 64;

function configError(message: string): ActionFailure {
  return new ActionFailure('ConfigurationError', message, false);
}

/**
 * `prefix/relative` as an object key, or undefined when the name would leave the prefix (absolute, `..`, or a
 * backslash or NUL trick); an empty prefix is the bucket's root.
 */
export function keyUnder(prefix: string, relative: string): string | undefined {
  if (relative === '' || isAbsolute(relative) || relative.startsWith('/') || relative.includes('\\') || relative.includes('\0')) return undefined;
  const normal = posix.normalize(relative);
  if (normal === '..' || normal.startsWith('../') || normal === '.' || normal === './') return undefined;
  return prefix ? `${prefix}/${normal}` : normal;
}

/** The objects of a zip, refusing the whole artifact when any entry would leave the prefix (nothing is written then). */
function plannedObjects(zip: Uint8Array, prefix: string, bucket: string): { key: string; data: Uint8Array }[] {
  const entries = Object.entries(unzipSync(zip));
  // A folder entry may name the prefix itself (`./`); every other entry must land strictly under it.
  const lands = (name: string) => keyUnder(prefix, name) !== undefined || (name.endsWith('/') && posix.normalize(name) === './');
  const escaping = entries.filter(([name]) => !lands(name)).map(([name]) => name);
  if (escaping.length) {
    throw new ActionFailure('JobFailed', `The artifact was not deployed: its zip entries ${escaping.map((n) => `'${n}'`).join(', ')} would be written outside s3://${bucket}/${prefix}.`, false);
  }
  return entries.filter(([name]) => !name.endsWith('/')).map(([name, data]) => ({ key: keyUnder(prefix, name)!, data }));
}

/** What the action's configuration asks S3 to store with each object. */
function attributesOf(c: Record<string, string>): PutAttributes {
  return {
    headers: c.CacheControl ? { CacheControl: c.CacheControl } : {},
    metadata: {},
    ...(c.CannedACL ? { acl: c.CannedACL } : {}),
    ...(c.KMSEncryptionKeyARN ? { sseKmsKeyId: c.KMSEncryptionKeyARN } : {}),
  };
}

async function extract(s3: S3Storage, bucket: string, prefix: string, zipPath: string, attributes: PutAttributes, signal: AbortSignal): Promise<number> {
  const objects = plannedObjects(readFileSync(zipPath), prefix, bucket);
  for (const [i, object] of objects.entries()) {
    if (signal.aborted) throw new ActionFailure('JobFailed', `The S3 deploy action was abandoned after ${i} of ${objects.length} files.`, true);
    await s3.objects.put(bucket, object.key, object.data, attributes);
    if (i % OBJECTS_PER_YIELD === OBJECTS_PER_YIELD - 1) await new Promise((r) => setImmediate(r));
  }
  return objects.length;
}

/** Turns S3's refusals (no such bucket, a key a folder cannot hold) into the action's failure. */
async function asAction<T>(bucket: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof S3Refusal)) throw error;
    if (error.code === 'NoSuchBucket') throw new ActionFailure('JobFailed', `The specified bucket does not exist: ${bucket}`, false, {}, { cause: error }); // wording inferred
    throw new ActionFailure('JobFailed', `Could not write to s3://${bucket}: ${error.message}`, false, {}, { cause: error });
  }
}

/** Builds the S3 deploy action over the S3 stand-in. */
export function s3DeployProvider(deps: S3DeployDeps): ActionProvider {
  return {
    type: findActionType({ category: 'Deploy', owner: 'AWS', provider: 'S3', version: '1' })!,
    async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
      const c = job.configuration;
      const input = job.inputArtifacts[0];
      if (!input) throw configError('The S3 deploy action needs one input artifact.');
      const bucket = c.BucketName ?? '';
      if (!isBucketName(bucket)) throw configError(`BucketName '${bucket}' is not a valid S3 bucket name.`);
      const flag = (c.Extract ?? '').toLowerCase();
      if (flag !== 'true' && flag !== 'false') throw configError(`Extract must be "true" or "false", not '${c.Extract ?? ''}'.`);
      const attributes = attributesOf(c);
      if (flag === 'true') {
        const prefix = (c.ObjectKey ?? '').replace(/^\/+|\/+$/g, '');
        if (prefix && keyUnder('', prefix) === undefined) throw configError(`ObjectKey '${c.ObjectKey}' leaves the bucket ${bucket}.`);
        const count = await asAction(bucket, () => extract(deps.s3, bucket, prefix && keyUnder('', prefix)!, input.zipPath, attributes, ctx.signal));
        return { summary: `Extracted ${count} files to s3://${bucket}/${prefix ? `${prefix}/` : ''}` }; // wording inferred
      }
      if (!c.ObjectKey) throw configError('ObjectKey is required when Extract is false.');
      const key = keyUnder('', c.ObjectKey);
      if (!key) throw configError(`ObjectKey '${c.ObjectKey}' leaves the bucket ${bucket}.`);
      await asAction(bucket, () => deps.s3.putFile(bucket, key, input.zipPath, attributes));
      return { summary: `Uploaded the artifact to s3://${bucket}/${c.ObjectKey}` }; // wording inferred
    },
  };
}
