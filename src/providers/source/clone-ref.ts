import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The file a CODEBUILD_CLONE_REF source artifact holds, alone, at the root of its zip. The CodeBuild action
 * reads it and clones `cloneUrl` (full history), then checks out `commitId` on a branch named `branch`.
 *
 * Format (JSON object, UTF-8):
 * - `cloneUrl`: where git can clone the repository from on this machine, with every commit: the absolute
 *   path of its git directory (a local path `git clone` accepts), or the URL of a mirrored remote.
 * - `commitId`: the full id of the commit the source action chose.
 * - `branch`: the branch the commit was taken from.
 * - `repositoryName`: the repository's name (RepositoryName, or FullRepositoryId for connections).
 * - `cloneUrlHttp` (optional): the emulator's git smart HTTP URL of the repository, when it serves it.
 */
export const CLONE_REF_FILE = 'codepipeline-local-clone-ref.json';

/** The content of a CODEBUILD_CLONE_REF artifact (see CLONE_REF_FILE for the format). */
export interface CloneRef {
  cloneUrl: string;
  commitId: string;
  branch: string;
  repositoryName: string;
  cloneUrlHttp?: string;
}

/** Writes a CODEBUILD_CLONE_REF artifact: a zip holding only CLONE_REF_FILE. */
export function writeCloneRef(outFile: string, ref: CloneRef): void {
  writeFileSync(outFile, zipSync({ [CLONE_REF_FILE]: strToU8(JSON.stringify(ref, null, 2) + '\n') }));
}

/** Reads a source artifact zip and returns its clone reference, or undefined when it is a plain CODE_ZIP. */
export function readCloneRef(zipFile: string): CloneRef | undefined {
  const files = unzipSync(readFileSync(zipFile), { filter: (f) => f.name === CLONE_REF_FILE });
  const entry = files[CLONE_REF_FILE];
  if (!entry) return undefined;
  const parsed = JSON.parse(strFromU8(entry)) as Partial<CloneRef>;
  if (typeof parsed.cloneUrl !== 'string' || typeof parsed.commitId !== 'string' || typeof parsed.branch !== 'string' || typeof parsed.repositoryName !== 'string') {
    throw new Error(`${CLONE_REF_FILE} in ${zipFile} lacks cloneUrl, commitId, branch or repositoryName`);
  }
  return parsed as CloneRef;
}
