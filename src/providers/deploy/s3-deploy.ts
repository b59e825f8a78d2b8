/**
 * The S3 deploy action (Deploy/AWS/S3/1): writes the input artifact into a local bucket folder standing in for S3,
 * `<s3Dir>/<BucketName>/...`: unzipped under the ObjectKey prefix (Extract "true") or as the zip itself at ObjectKey ("false").
 *
 * LIMITATIONS:
 * - CannedACL, CacheControl and KMSEncryptionKeyARN are accepted and ignored: files have no ACLs, headers or encryption.
 * - Objects are files: a key that is a prefix of another key (`a` and `a/b`) cannot both exist.
 * - Zip entries are written as regular files (symlink entries are not re-created as links).
 * - The whole artifact is read into memory, which suits local artifacts, not multi-gigabyte ones.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { findActionType } from '../../model/index.js';
import { isInside } from '../../shared/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';

/** What the S3 deploy action needs. */
export interface S3DeployDeps {
  /** The folder standing in for S3: `<s3Dir>/<bucket>/<key>`. */
  s3Dir: string;
}

// S3's bucket naming rules (lower-case letters, digits, dots and hyphens; 3 to 63 characters), which also keep names inside s3Dir.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Abort is checked between files; writes yield to the event loop this often so StopPipelineExecution can land.
const FILES_PER_YIELD = 64;

function configError(message: string): ActionFailure {
  return new ActionFailure('ConfigurationError', message, false);
}

/** The folder of a bucket, refusing names that are not S3 bucket names. */
function bucketDir(s3Dir: string, bucket: string | undefined): string {
  if (!bucket || !BUCKET_NAME.test(bucket) || bucket.includes('..')) throw configError(`BucketName '${bucket ?? ''}' is not a valid S3 bucket name.`);
  return resolve(s3Dir, bucket);
}

/** `root/relative`, or undefined when the path would leave root (absolute, `..`, or a drive or backslash trick). */
export function insideFolder(root: string, relative: string): string | undefined {
  if (relative === '' || isAbsolute(relative) || relative.includes('\\') || relative.includes('\0')) return undefined;
  const path = resolve(root, relative);
  return isInside(root, path) ? path : undefined;
}

/** The files of a zip, refusing the whole artifact when any entry would escape the target folder (nothing is written then). */
function plannedFiles(zip: Uint8Array, root: string): { path: string; data: Uint8Array }[] {
  const entries = Object.entries(unzipSync(zip));
  // A folder entry may name the target folder itself (`./`); every other entry must land strictly inside it.
  const lands = (name: string) => insideFolder(root, name) !== undefined || (name.endsWith('/') && !isAbsolute(name) && resolve(root, name) === root);
  const escaping = entries.filter(([name]) => !lands(name)).map(([name]) => name);
  if (escaping.length) {
    throw new ActionFailure('JobFailed', `The artifact was not deployed: its zip entries ${escaping.map((n) => `'${n}'`).join(', ')} would be written outside ${root}.`, false);
  }
  return entries.filter(([name]) => !name.endsWith('/')).map(([name, data]) => ({ path: insideFolder(root, name)!, data }));
}

async function extract(zipPath: string, root: string, signal: AbortSignal): Promise<number> {
  const files = plannedFiles(readFileSync(zipPath), root);
  for (const [i, file] of files.entries()) {
    if (signal.aborted) throw new ActionFailure('JobFailed', `The S3 deploy action was abandoned after ${i} of ${files.length} files.`, true);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.data);
    if (i % FILES_PER_YIELD === FILES_PER_YIELD - 1) await new Promise((r) => setImmediate(r));
  }
  return files.length;
}

/** Builds the S3 deploy action over a local bucket folder. */
export function s3DeployProvider(deps: S3DeployDeps): ActionProvider {
  return {
    type: findActionType({ category: 'Deploy', owner: 'AWS', provider: 'S3', version: '1' })!,
    async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
      const c = job.configuration;
      const input = job.inputArtifacts[0];
      if (!input) throw configError('The S3 deploy action needs one input artifact.');
      const base = bucketDir(resolve(deps.s3Dir), c.BucketName);
      const flag = (c.Extract ?? '').toLowerCase();
      if (flag !== 'true' && flag !== 'false') throw configError(`Extract must be "true" or "false", not '${c.Extract ?? ''}'.`);
      if (flag === 'true') {
        const prefix = (c.ObjectKey ?? '').replace(/^\/+|\/+$/g, '');
        const root = prefix ? insideFolder(base, prefix) : base;
        if (!root) throw configError(`ObjectKey '${c.ObjectKey}' leaves the bucket ${c.BucketName}.`);
        const count = await extract(input.zipPath, root, ctx.signal);
        return { summary: `Extracted ${count} files to s3://${c.BucketName}/${prefix ? `${prefix}/` : ''}` }; // wording inferred
      }
      if (!c.ObjectKey) throw configError('ObjectKey is required when Extract is false.');
      const dest = insideFolder(base, c.ObjectKey);
      if (!dest) throw configError(`ObjectKey '${c.ObjectKey}' leaves the bucket ${c.BucketName}.`);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(input.zipPath, dest);
      return { summary: `Uploaded the artifact to s3://${c.BucketName}/${c.ObjectKey}` }; // wording inferred
    },
  };
}

