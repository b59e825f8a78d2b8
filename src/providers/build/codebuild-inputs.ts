import { join, sep } from 'node:path';
import { cloneAndCheckout, extractZip, SourceFailure, type PreparedSources, type SourcePreparer } from '../../codebuild/index.js';
import type { BuildSourceInput } from '../../codebuild/index.js';
import { formatArn } from '../../shared/index.js';
import type { JobInputArtifact } from '../contract.js';
import { readCloneRef } from '../source/clone-ref.js';

/**
 * The `arn:aws:s3:::<bucket>/<key>` of an input artifact kept in the artifact store, as CODEBUILD_SOURCE_VERSION shows
 * it: its location, or for a zip handed over without one, the `.../artifacts/<bucket>/<key>` of its path.
 */
export function artifactArn(input: JobInputArtifact): string | undefined {
  if (input.location) return formatArn({ service: 's3', resource: `${input.location.bucket}/${input.location.key}` });
  const parts = input.zipPath.split(sep);
  const at = parts.lastIndexOf('artifacts');
  return at >= 0 && parts.length > at + 2 ? formatArn({ service: 's3', resource: parts.slice(at + 1).join('/') }) : undefined;
}

// Artifact names may hold characters a folder name should not; the folder name is ours, the identifier stays the name.
function folderName(name: string, index: number): string {
  return `${index}-${name.replace(/[^\w.-]/g, '_')}`;
}

async function prepareOne(input: JobInputArtifact, dir: string): Promise<{ version?: string; repoUrl?: string }> {
  let ref;
  try {
    ref = readCloneRef(input.zipPath);
  } catch (error) {
    throw new SourceFailure(`The input artifact ${input.name} is not a readable zip: ${(error as Error).message}`, 'CLIENT_ERROR', { cause: error });
  }
  if (!ref) {
    extractZip(input.zipPath, dir);
    return { version: input.revisionId };
  }
  try {
    // CODEBUILD_CLONE_REF: a full clone at the commit the source chose, on its branch, instead of a snapshot.
    const version = await cloneAndCheckout(ref.cloneUrl, dir, { commitId: ref.commitId, branch: ref.branch });
    return { version, repoUrl: ref.cloneUrlHttp ?? ref.cloneUrl };
  } catch (error) {
    throw new SourceFailure(`repository not found for primary source and source version ${ref.commitId}: git clone of ${ref.repositoryName} failed: ${(error as Error).message}`, 'CLIENT_ERROR', {
      cause: error,
    });
  }
}

/**
 * The sources of a pipeline build: each input artifact unzipped into its own folder (or cloned, for a
 * CODEBUILD_CLONE_REF artifact); the primary one becomes CODEBUILD_SRC_DIR, the others CODEBUILD_SRC_DIR_<name>.
 */
export function inputArtifactSources(inputs: JobInputArtifact[], primary: string | undefined): SourcePreparer {
  return async (root): Promise<PreparedSources> => {
    const sources: BuildSourceInput[] = [];
    let resolvedSourceVersion: string | undefined;
    for (const [index, input] of inputs.entries()) {
      const dir = join(root, 'sources', folderName(input.name, index));
      const { version, repoUrl } = await prepareOne(input, dir);
      const isPrimary = input.name === primary;
      if (isPrimary) resolvedSourceVersion = version;
      const arn = artifactArn(input);
      sources.push({
        ...(isPrimary ? {} : { identifier: input.name }),
        dir,
        ...(version ? { resolvedSourceVersion: version } : {}),
        ...(arn ? { sourceVersion: arn } : {}),
        ...(repoUrl ? { sourceRepoUrl: repoUrl } : {}),
      });
    }
    // The primary source first, as CodeBuild lists it.
    sources.sort((a, b) => Number(a.identifier !== undefined) - Number(b.identifier !== undefined));
    return { sources, ...(resolvedSourceVersion ? { resolvedSourceVersion } : {}) };
  };
}
