import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { openObject, S3Refusal } from '../s3/index.js';
import type { LambdaDeploymentSpec, RevisionLocation } from '../store/index.js';
import type { FetchedObject } from './application-revisions.js';
import { DeploymentRefusal } from './deployment-refusal.js';
import { parseLambdaAppSpec } from './lambda-appspec.js';
import type { ResolvedRevision, RevisionSources } from './revision-location.js';

/** A Lambda deployment's revision: where it was, what was fetched of it, and what its AppSpec says. */
export interface LambdaRevision {
  revision: RevisionLocation;
  fetched?: FetchedObject;
  spec: LambdaDeploymentSpec;
}

// An AppSpec file is small; a bigger object is not one (inferred bound).
const APPSPEC_MAX_BYTES = 1024 * 1024;

function inline(type: 'String' | 'AppSpecContent', given: { content?: string; sha256?: string } | undefined): LambdaRevision {
  const content = given?.content;
  if (content === undefined || content === '') throw new DeploymentRefusal('InvalidRevision', `The revision is invalid: a ${type} revision needs a content.`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (given?.sha256 !== undefined && given.sha256.toLowerCase() !== sha256) {
    throw new DeploymentRefusal('InvalidRevision', `The revision is invalid: the sha256 ${given.sha256} does not match the content's (${sha256}).`);
  }
  const location = { content, sha256 };
  return { revision: type === 'String' ? { revisionType: 'String', string: location } : { revisionType: 'AppSpecContent', appSpecContent: location }, spec: parseLambdaAppSpec(content) };
}

async function fromS3(revision: RevisionLocation, sources: RevisionSources): Promise<LambdaRevision> {
  const location = revision.s3Location ?? {};
  const { bucket = '', key = '', version, eTag } = location;
  const bundleType = location.bundleType ?? 'YAML';
  if (!bucket || !key) throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: an S3 revision needs a bucket and a key.');
  if (bundleType !== 'YAML' && bundleType !== 'JSON') {
    throw new DeploymentRefusal('InvalidRevision', `The revision bundle type ${bundleType} is not valid for the Lambda compute platform: use YAML or JSON.`); // wording inferred
  }
  try {
    const opened = await openObject(sources.s3, { bucket, key, ...(version ? { versionId: version } : {}), ...(eTag ? { eTag } : {}) });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of opened.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > APPSPEC_MAX_BYTES) throw new DeploymentRefusal('InvalidRevision', `The revision s3://${bucket}/${key} is too big for an AppSpec file.`); // wording inferred
      chunks.push(chunk);
    }
    const meta = opened.meta;
    return {
      revision: { revisionType: 'S3', s3Location: { ...location, bucket, key, bundleType } },
      fetched: { ...(meta.versionId !== 'null' ? { version: meta.versionId } : {}), eTag: meta.etag },
      spec: parseLambdaAppSpec(Buffer.concat(chunks).toString('utf8')),
    };
  } catch (error) {
    if (!(error instanceof S3Refusal)) throw error;
    throw new DeploymentRefusal('RevisionDoesNotExist', `The revision s3://${bucket}/${key} does not exist: ${error.code}: ${error.message}`);
  }
}

/** Finds a Lambda deployment's AppSpec: inline (AppSpecContent or String) or a YAML/JSON object of the emulator's S3. */
export async function resolveLambdaRevision(revision: RevisionLocation | undefined, sources: RevisionSources): Promise<LambdaRevision> {
  const type = revision?.revisionType ?? (revision?.s3Location ? 'S3' : revision?.appSpecContent ? 'AppSpecContent' : revision?.string ? 'String' : undefined);
  if (!revision || !type) throw new DeploymentRefusal('RevisionRequired', 'The revision ID was not specified.');
  if (type === 'AppSpecContent') return inline(type, revision.appSpecContent);
  if (type === 'String') return inline(type, revision.string);
  if (type === 'S3') return fromS3(revision, sources);
  throw new DeploymentRefusal('InvalidRevision', `The revision type ${type} is not valid for the Lambda compute platform: use AppSpecContent, String or S3.`); // wording inferred
}

// The names CodeDeploy looks for at the root of a revision bundle.
const APPSPEC_NAMES = ['appspec.yaml', 'appspec.yml', 'appspec.json'];

/** A Lambda revision from a zip bundle (a pipeline's input artifact): the AppSpec file at its root. */
export async function lambdaRevisionFromBundle(resolved: ResolvedRevision, scratchDir: string): Promise<LambdaRevision> {
  const path = join(scratchDir, `.${randomUUID()}.lambda-bundle`);
  try {
    await resolved.writeTo(path);
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(readFileSync(path), { filter: (f) => APPSPEC_NAMES.includes(f.name) });
    } catch {
      throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: a Lambda deployment from a bundle needs a zip with appspec.yaml (or appspec.yml, appspec.json) at its root.'); // wording inferred
    }
    const name = APPSPEC_NAMES.find((n) => files[n]);
    if (!name) throw new DeploymentRefusal('InvalidRevision', 'The revision is invalid: the bundle has no appspec.yaml, appspec.yml or appspec.json at its root.'); // wording inferred
    return { revision: resolved.revision, ...(resolved.fetched ? { fetched: resolved.fetched } : {}), spec: parseLambdaAppSpec(strFromU8(files[name])) };
  } finally {
    rmSync(path, { force: true });
  }
}
