import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { readArchive, type ArchiveEntryHeader, type StreamingContainer } from '../runner/index.js';
import type { ArtifactDefinition } from './buildspec.js';
import { ArtifactSelector, type SelectedFile } from './artifact-selection.js';
import { writeZip, type ZipEntry } from './artifact-zip.js';
import type { BuildLog } from './build-log.js';

/** One artifact to package: its identifier, its buildspec definition, and the zip to write. */
export interface ArtifactJob {
  identifier: string;
  def: ArtifactDefinition;
  outPath: string;
}

/** Everything {@link packageArtifacts} works with. */
export interface PackagingDeps {
  container: StreamingContainer;
  /** CODEBUILD_SRC_DIR inside the container. */
  srcDir: string;
  log: BuildLog;
  /**
   * Streams a tar of a container path into `read` without Docker's archive call (through the build's agent); false
   * when it cannot, having given `read` nothing.
   */
  archive?(path: string, read: (tar: Readable) => Promise<void>): Promise<boolean>;
}

/** How packaging went: the zips written, or CodeBuild's CLIENT_ERROR message. */
export type PackagingResult = { ok: true; written: Record<string, string> } | { ok: false; message: string };

/** One entry of the build's tree that a selector took, with its content. */
export interface Kept {
  header: ArchiveEntryHeader;
  content: Buffer;
}

/**
 * Packages artifacts out of the build container: one streamed read of the source tree serves every artifact,
 * keeping only the contents of selected files; each artifact becomes one zip.
 */
export async function packageArtifacts(deps: PackagingDeps, jobs: readonly ArtifactJob[]): Promise<PackagingResult> {
  if (jobs.length === 0) return { ok: true, written: {} };
  const selectors = jobs.map((job) => new ArtifactSelector(job.def));
  const kept = await scanTree(deps, selectors);
  const written: Record<string, string> = {};
  for (const [index, job] of jobs.entries()) {
    const selector = selectors[index];
    for (const line of selector.logLines()) deps.log.agent(line);
    const files = selector.files();
    if (files.length === 0) return { ok: false, message: 'no matching artifact paths found' };
    const entries: ZipEntry[] = [];
    for (const file of files) {
      const entry = await zipEntryFor(deps, file, kept.get(file.path), job.def.enableSymlinks);
      if (entry !== undefined) entries.push(entry);
    }
    await writeZip(job.outPath, entries);
    written[job.identifier] = job.outPath;
  }
  return { ok: true, written };
}

/** Reads the tree under the deepest folder all selectors share, once, and keeps the entries some selector took. */
export async function scanTree(deps: PackagingDeps, selectors: readonly ArtifactSelector[]): Promise<Map<string, Kept>> {
  const prefix = commonFolder(selectors.map((s) => s.literalBase));
  const root = prefix === '' ? deps.srcDir : `${deps.srcDir}/${prefix}`;
  const kept = new Map<string, Kept>();
  const onEntry = (header: ArchiveEntryHeader) => {
    // Docker names the entries from the folder's own name down; re-root them at CODEBUILD_SRC_DIR.
    const slash = header.name.indexOf('/');
    if (slash < 0) return undefined;
    const inside = header.name.slice(slash + 1);
    const path = prefix === '' ? inside : `${prefix}/${inside}`;
    const type = header.type === 'directory' ? 'directory' : header.type === 'symlink' ? 'symlink' : 'file';
    let selected = false;
    for (const selector of selectors) selected = selector.offer({ path, type }) || selected;
    if (!selected) return undefined;
    return (content: Buffer) => void kept.set(path, { header: { ...header, name: path }, content });
  };
  const read = (tar: Readable) => readArchive(tar, onEntry);
  if (deps.archive !== undefined && (await deps.archive(root, read))) return kept;
  if ((await deps.container.statPath(root)) === undefined) return kept;
  await read(await deps.container.getArchive(root));
  return kept;
}

async function zipEntryFor(
  deps: PackagingDeps,
  file: SelectedFile,
  kept: Kept | undefined,
  enableSymlinks: boolean,
): Promise<ZipEntry | undefined> {
  if (kept === undefined) return undefined;
  const { header } = kept;
  if (header.type === 'symlink' && enableSymlinks) {
    return { name: file.zipName, content: Buffer.from(header.linkname ?? ''), mode: 0o777, mtime: header.mtime, symlink: true };
  }
  if (header.type === 'file' || header.type === 'contiguous-file') {
    return { name: file.zipName, content: kept.content, mode: header.mode, mtime: header.mtime };
  }
  // A symlink without enable-symlinks is followed, and a hard link carries no content of its own in a tar:
  // both are read again through Docker, which resolves them.
  const resolved = await readResolvedFile(deps, `${deps.srcDir}/${file.path}`);
  return resolved === undefined ? undefined : { name: file.zipName, ...resolved };
}

async function readResolvedFile(
  deps: PackagingDeps,
  path: string,
): Promise<{ content: Buffer; mode: number; mtime?: Date } | undefined> {
  const stat = await deps.container.statPath(path);
  if (stat === undefined) return undefined;
  const target = stat.linkTarget !== '' ? stat.linkTarget : path;
  let found: { content: Buffer; mode: number; mtime?: Date } | undefined;
  await readArchive(await deps.container.getArchive(target), (header) => {
    // Only a regular file is packaged; a link to a folder is left out.
    if (found !== undefined || (header.type !== 'file' && header.type !== 'contiguous-file')) return undefined;
    return (content) => {
      found = { content, mode: header.mode, mtime: header.mtime };
    };
  });
  return found;
}

function commonFolder(paths: readonly string[]): string {
  const split = paths.map((p) => (p === '' ? [] : p.split('/')));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((s) => s[length] === first[length])) length++;
  return posix.join(...first.slice(0, length), '.').replace(/^\.$/, '');
}
