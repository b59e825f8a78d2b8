import { runGit } from './git.js';

// Object ids passed here are full ids checked by isObjectId and paths are checked by the caller; paths always
// follow `--`, or are given on stdin, so they are never read as options or revisions.

/** One entry of a tree as `git ls-tree` lists it. */
export interface TreeEntry {
  /** Git's octal mode: 100644, 100755, 120000 (symbolic link), 040000 (folder) or 160000 (submodule). */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  objectId: string;
  /** The path from the root of the tree, without a leading slash. */
  path: string;
}

/** Git's mode of a folder entry. */
export const FOLDER_MODE = '040000';
/** Git's mode of a submodule entry. */
export const SUBMODULE_MODE = '160000';

function parseEntries(stdout: Buffer): TreeEntry[] {
  return stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, objectId] = line.slice(0, tab).split(' ');
      return { mode, type: type as TreeEntry['type'], objectId, path: line.slice(tab + 1) };
    });
}

/** Lists every file, link and submodule of a tree, recursively, and with `folders` the folders as well. */
export async function listTreeRecursive(gitDir: string, treeish: string, options: { folders?: boolean } = {}): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', ...(options.folders ? ['-t'] : []), '--end-of-options', treeish];
  return parseEntries((await runGit(args, { gitDir })).stdout);
}

/** Lists the entries directly in one folder of a tree (`''` for its root), paths from the root. */
export async function listFolder(gitDir: string, treeish: string, folder: string): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-z', '--full-tree', '--end-of-options', folder ? `${treeish}:${folder}` : treeish];
  return parseEntries((await runGit(args, { gitDir })).stdout).map((e) => ({ ...e, path: folder ? `${folder}/${e.path}` : e.path }));
}

/** Finds the entry at one path of a tree (a file, link, folder or submodule); undefined when there is none. */
export async function findTreeEntry(gitDir: string, treeish: string, path: string): Promise<TreeEntry | undefined> {
  const args = ['ls-tree', '-z', '--full-tree', '--end-of-options', treeish, '--', path];
  return parseEntries((await runGit(args, { gitDir })).stdout).find((e) => e.path === path);
}

/** The type and size of an object, or undefined when the repository has no such object. */
export async function objectInfo(gitDir: string, objectId: string): Promise<{ type: string; size: number } | undefined> {
  const { stdout } = await runGit(['cat-file', '--batch-check'], { gitDir, input: `${objectId}\n` });
  const [, type, size] = stdout.toString('utf8').trim().split(' ');
  return type === 'missing' || size === undefined ? undefined : { type, size: Number(size) };
}

/** Reads a blob's bytes by its full id; undefined when there is no such blob. */
export async function readBlob(gitDir: string, blobId: string): Promise<Buffer | undefined> {
  // --batch names the object on stdin, exactly as given (no revision syntax), and says when it is not there.
  const { stdout } = await runGit(['cat-file', '--batch'], { gitDir, input: `${blobId}\n` });
  const newline = stdout.indexOf(0x0a);
  const [, type, size] = stdout.subarray(0, newline).toString('utf8').split(' ');
  return type === 'blob' ? stdout.subarray(newline + 1, newline + 1 + Number(size)) : undefined;
}

/** The tree with no entries, by the repository's hash length (git knows it without storing it). */
export function emptyTreeId(objectIdLength: number): string {
  return objectIdLength === 64 ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321' : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}
