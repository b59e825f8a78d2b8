/**
 * The S3 source action (Source/AWS/S3/1): the object `s3://<S3Bucket>/<S3ObjectKey>` of the S3 stand-in (the file
 * `<s3Dir>/<S3Bucket>/<S3ObjectKey>`, put through the S3 API or copied into the folder), which must be a zip.
 *
 * LIMITATIONS:
 * - AWS requires a versioned bucket. Here an object without an S3 version id (an unversioned bucket, or a file copied
 *   straight into the folder) gets one derived from its content (see objectVersionId), so writing the same bytes
 *   again is the same version; the last KEPT_VERSIONS such versions the emulator saw are kept, so a run asked for one
 *   of them (S3_OBJECT_VERSION_ID) still gets it, older ones fail with RevisionUnavailable. On a versioned bucket the
 *   revision is S3's version id and any version the bucket keeps can be asked for.
 * - There are no permissions or KMS keys to check.
 * - A start may override either the version or the key (the engine passes one source revision per action).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findActionType, type ActionTypeDefinition } from '../../model/index.js';
import type { ActionContext, ActionJob, ActionProvider, ActionResult } from '../contract.js';
import { untilAborted } from './abortable.js';
import { objectPath } from '../../shared/index.js';
import type { S3Storage } from '../../s3/index.js';
import { hasZipSignature, readS3Object, type S3FolderObject, type S3VersionCache } from '../../sources/index.js';
import { sourceFailures } from './source-failures.js';

/** What the S3 source provider needs: the S3 stand-in, the kept versions of unversioned objects, and how to read an object. */
export interface S3SourceDeps {
  s3: S3Storage;
  versions: S3VersionCache;
  /** Reads an object's current version; readS3Object unless a test slows it down. */
  readObject?: (bucket: string, key: string) => Promise<S3FolderObject | undefined>;
}

/** The S3 source action type, as the built-in catalog declares it. */
export const S3_SOURCE_TYPE: ActionTypeDefinition = findActionType({ category: 'Source', owner: 'AWS', provider: 'S3', version: '1' })!;

/** The S3 source provider: copies the object (or a requested version of it) out as the source artifact. */
export class S3SourceProvider implements ActionProvider {
  readonly type = S3_SOURCE_TYPE;

  constructor(private readonly deps: S3SourceDeps) {}

  run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    return untilAborted(ctx, () => this.fetch(job));
  }

  private target(job: ActionJob): { bucket: string; key: string; versionId?: string } {
    const { S3Bucket: bucket = '', S3ObjectKey: key = '', AllowOverrideForS3ObjectKey: allowKey } = job.configuration;
    const override = job.sourceRevisionOverride;
    if (!override) return { bucket, key };
    if (override.revisionType === 'S3_OBJECT_VERSION_ID') return { bucket, key, versionId: override.revisionValue };
    if (override.revisionType !== 'S3_OBJECT_KEY') throw sourceFailures.unsupportedOverride(override.revisionType);
    if (allowKey?.toLowerCase() !== 'true') throw sourceFailures.keyOverrideNotAllowed();
    return { bucket, key: override.revisionValue };
  }

  private async object(bucket: string, key: string, versionId: string | undefined): Promise<S3FolderObject> {
    const { s3 } = this.deps;
    if (!objectPath(s3.layout.root, bucket, key)) throw sourceFailures.invalidObjectName(bucket, key);
    if (!(await s3.buckets.require(bucket).then(() => true, () => false))) throw sourceFailures.missingBucket(bucket);
    const current = await (this.deps.readObject ?? ((b: string, k: string) => readS3Object(s3, b, k)))(bucket, key);
    if (versionId === undefined || current?.versionId === versionId) {
      if (!current) throw sourceFailures.missingObject(bucket, key);
      return current;
    }
    const kept = (await this.deps.versions.find(bucket, key, versionId)) ?? (await readS3Object(s3, bucket, key, versionId));
    if (!kept) throw sourceFailures.missingVersion(bucket, key, versionId);
    return kept;
  }

  private async fetch(job: ActionJob): Promise<ActionResult> {
    const { bucket, key, versionId } = this.target(job);
    const object = await this.object(bucket, key, versionId);
    if (!hasZipSignature(object.bytes)) throw sourceFailures.notAZip(bucket, key);
    // A versioned bucket keeps its versions itself; other objects' bytes are kept for a later run asking for them.
    if (!object.s3Versioned) await this.deps.versions.remember(bucket, key, object);
    const file = join(job.workDir, 'source.zip');
    await writeFile(file, object.bytes);
    const summary = object.summary ?? `Amazon S3 version id: ${object.versionId}`;
    return {
      summary,
      externalExecutionId: object.versionId,
      outputArtifacts: Object.fromEntries(job.outputArtifactNames.map((name) => [name, file])),
      outputVariables: { ETag: object.eTag, VersionId: object.versionId },
      revision: { revisionId: object.versionId, revisionChangeId: object.eTag, summary, createdMs: object.modifiedMs },
    };
  }
}
