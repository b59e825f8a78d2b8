import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { S3Refusal, type S3Storage } from '../s3/index.js';
import { formatArn, hasDotSegment, isBucketName, s3PathOf } from '../shared/index.js';
import type { BuildArtifactsView, CodeBuildArtifacts } from '../store/index.js';
import type { BuildArtifactsRequest, BuildOutcome } from './build-request.js';
import { extractZip } from './extract-zip.js';

/** The identifier the runner gets for a project's primary artifact when the project names none. */
const PRIMARY_ARTIFACT_ID = 'primary';

/** What writing artifacts to S3 uses of the S3 stand-in. */
export type ArtifactObjects = Pick<S3Storage, 'putFile'>;

/** Artifacts that could not be written: UPLOAD_ARTIFACTS fails with this CLIENT_ERROR message. */
export class ArtifactDeliveryFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArtifactDeliveryFailure';
  }
}

/** The artifacts a build outside a pipeline produces: the project's S3 artifacts (primary and secondary); NO_ARTIFACTS gives none. */
export function projectArtifactsRequest(primary: CodeBuildArtifacts, secondary: CodeBuildArtifacts[], outDir: string): BuildArtifactsRequest {
  return {
    ...(primary.type === 'S3' ? { primary: primary.artifactIdentifier ?? PRIMARY_ARTIFACT_ID } : {}),
    secondary: secondary.filter((a) => a.type === 'S3' && a.artifactIdentifier).map((a) => a.artifactIdentifier!),
    outDir,
  };
}

/** Where one S3 artifact goes: `<location>/<path>/<build uuid if BUILD_ID>/<name>`, as CodeBuild composes the key. */
function artifactKey(settings: CodeBuildArtifacts, buildUuid: string, projectName: string): { bucket: string; key: string } {
  const [bucket, ...prefix] = s3PathOf(settings.location ?? '').split('/');
  const parts = [...prefix, ...(settings.path ?? '').split('/'), settings.namespaceType === 'BUILD_ID' ? buildUuid : '', settings.name ?? projectName];
  return { bucket, key: parts.filter((p) => p !== '').join('/') };
}

/** The files under a folder, as paths relative to it with `/` separators; links and other non-files are left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Puts the artifact as S3 objects: the zip itself (ZIP), or each of its files under the key (NONE, the default). */
async function putArtifact(s3: ArtifactObjects, settings: CodeBuildArtifacts, zip: string, bucket: string, key: string, scratch: string): Promise<void> {
  if (settings.packaging === 'ZIP') {
    await s3.putFile(bucket, key, zip);
    return;
  }
  const dir = mkdtempSync(join(scratch, 'files-'));
  try {
    extractZip(zip, dir);
    for (const file of filesUnder(dir)) await s3.putFile(bucket, `${key}/${file}`, join(dir, ...file.split('/')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function deliverOne(s3: ArtifactObjects, settings: CodeBuildArtifacts, zip: string, build: { uuid: string; projectName: string; scratch: string }, buildspecName?: string): Promise<BuildArtifactsView> {
  // overrideArtifactName: the buildspec's `name` (evaluated by the build's shell) replaces the project's.
  const named = settings.overrideArtifactName && buildspecName ? { ...settings, name: buildspecName } : settings;
  const { bucket, key } = artifactKey(named, build.uuid, build.projectName);
  // The key must name an object of its own bucket: no `..` climbing into another bucket or out of the S3 folder.
  if (!isBucketName(bucket) || key === '' || hasDotSegment(key)) {
    throw new ArtifactDeliveryFailure(`Invalid artifacts location s3://${bucket}/${key}: the key must stay inside bucket ${bucket || '(none)'}`);
  }
  try {
    // Only the build's own objects are put, as S3 PUTs replace their keys: nothing else under the key is removed.
    await putArtifact(s3, named, zip, bucket, key, build.scratch);
  } catch (error) {
    if (!(error instanceof S3Refusal)) throw error;
    throw new ArtifactDeliveryFailure(`Error uploading artifacts to s3://${bucket}/${key}: ${error.code}: ${error.message}`, { cause: error });
  }
  return { location: formatArn({ service: 's3', resource: `${bucket}/${key}` }), ...(settings.artifactIdentifier ? { artifactIdentifier: settings.artifactIdentifier } : {}) };
}

/**
 * Puts the zips the runner wrote into S3 as the project's artifacts say (through the one S3 stand-in, so they get
 * ETags and versions), and returns what BatchGetBuilds shows; throws ArtifactDeliveryFailure when S3 refuses.
 */
export async function deliverProjectArtifacts(
  s3: ArtifactObjects,
  settings: { primary: CodeBuildArtifacts; secondary: CodeBuildArtifacts[] },
  outcome: Pick<BuildOutcome, 'artifacts' | 'artifactNames'>,
  build: { uuid: string; projectName: string; scratch: string },
): Promise<{ artifacts: BuildArtifactsView; secondaryArtifacts: BuildArtifactsView[] }> {
  const zips = outcome.artifacts;
  const names = outcome.artifactNames ?? {};
  const primaryId = settings.primary.artifactIdentifier ?? PRIMARY_ARTIFACT_ID;
  const primaryZip = settings.primary.type === 'S3' ? zips[primaryId] : undefined;
  const artifacts = primaryZip ? await deliverOne(s3, settings.primary, primaryZip, build, names[primaryId]) : { location: '' };
  const secondaryArtifacts: BuildArtifactsView[] = [];
  for (const a of settings.secondary.filter((a) => a.type === 'S3' && a.artifactIdentifier && zips[a.artifactIdentifier])) {
    secondaryArtifacts.push(await deliverOne(s3, a, zips[a.artifactIdentifier!], build, names[a.artifactIdentifier!]));
  }
  return { artifacts, secondaryArtifacts };
}

/** The folder a build's runner writes its zips into. */
export function artifactsOutDir(workDir: string): string {
  const dir = join(workDir, 'artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}
