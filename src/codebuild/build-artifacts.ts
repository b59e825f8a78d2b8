import { copyFileSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatArn, objectPath, s3PathOf } from '../shared/index.js';
import type { BuildArtifactsView, CodeBuildArtifacts } from '../store/index.js';
import type { BuildArtifactsRequest, BuildOutcome } from './build-request.js';
import { extractZip } from './extract-zip.js';

/** The identifier the runner gets for a project's primary artifact when the project names none. */
const PRIMARY_ARTIFACT_ID = 'primary';

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

function deliverOne(s3Dir: string, settings: CodeBuildArtifacts, zip: string, buildUuid: string, projectName: string, buildspecName?: string): BuildArtifactsView {
  // overrideArtifactName: the buildspec's `name` (evaluated by the build's shell) replaces the project's.
  const named = settings.overrideArtifactName && buildspecName ? { ...settings, name: buildspecName } : settings;
  const { bucket, key } = artifactKey(named, buildUuid, projectName);
  // The key must name an object of its own bucket: no `..` climbing into another bucket or out of the S3 folder.
  const target = objectPath(s3Dir, bucket, key);
  if (target === undefined) throw new Error(`Invalid artifacts location s3://${bucket}/${key}: the key must stay inside bucket ${bucket || '(none)'}`);
  // Only the build's own objects are replaced, as an S3 PUT replaces one key: nothing else under the key is removed.
  if (settings.packaging === 'ZIP') {
    mkdirSync(dirname(target), { recursive: true });
    if (lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(target);
    copyFileSync(zip, target);
  } else {
    // packaging NONE (the default): the files themselves, as S3 objects under the key.
    extractZip(zip, target);
  }
  return { location: formatArn({ service: 's3', resource: `${bucket}/${key}` }), ...(settings.artifactIdentifier ? { artifactIdentifier: settings.artifactIdentifier } : {}) };
}

/** Copies the zips the runner wrote into the S3 folder as the project's artifacts say, and returns what BatchGetBuilds shows. */
export function deliverProjectArtifacts(
  s3Dir: string,
  settings: { primary: CodeBuildArtifacts; secondary: CodeBuildArtifacts[] },
  outcome: Pick<BuildOutcome, 'artifacts' | 'artifactNames'>,
  buildUuid: string,
  projectName: string,
): { artifacts: BuildArtifactsView; secondaryArtifacts: BuildArtifactsView[] } {
  const zips = outcome.artifacts;
  const names = outcome.artifactNames ?? {};
  const primaryId = settings.primary.artifactIdentifier ?? PRIMARY_ARTIFACT_ID;
  const primaryZip = settings.primary.type === 'S3' ? zips[primaryId] : undefined;
  const artifacts = primaryZip ? deliverOne(s3Dir, settings.primary, primaryZip, buildUuid, projectName, names[primaryId]) : { location: '' };
  const secondaryArtifacts = settings.secondary
    .filter((a) => a.type === 'S3' && a.artifactIdentifier && zips[a.artifactIdentifier])
    .map((a) => deliverOne(s3Dir, a, zips[a.artifactIdentifier!], buildUuid, projectName, names[a.artifactIdentifier!]));
  return { artifacts, secondaryArtifacts };
}

/** The folder a build's runner writes its zips into. */
export function artifactsOutDir(workDir: string): string {
  const dir = join(workDir, 'artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}
