import { SUBMODULE_MODE, type TreeEntry } from '../../git/index.js';
import {
  DirectoryNameConflictsWithFileNameException,
  FileDoesNotExistException,
  FileNameConflictsWithDirectoryNameException,
  FilePathConflictsWithSubmodulePathException,
  PutFileEntryConflictException,
  RestrictedSourceFileException,
  SamePathRequestException,
} from './file-errors.js';
import { fileModeOf, GIT_MODE_OF, type FileMode } from './file-input.js';

/** A file to add or update: its new blob (already written) or the file it is copied or moved from. */
export interface PutChange {
  path: string;
  mode?: FileMode;
  blobId?: string;
  source?: { path: string; isMove: boolean };
}

/** What one commit changes, with paths already checked by checkPath. */
export interface TreeChanges {
  puts: PutChange[];
  deletes: string[];
  modes: { path: string; mode: FileMode }[];
  /** Leave a `.gitkeep` in each folder a deletion empties (CodeCommit's keepEmptyFolders). */
  keepEmptyFolders: boolean;
  /** The blob id of an empty file, written when a `.gitkeep` may be needed. */
  emptyBlobId?: string;
}

/** CodeCommit's FileMetadata of one changed file. */
export interface FileMetadata {
  absolutePath: string;
  blobId: string;
  fileMode: FileMode;
}

/** The files of the new tree and what changed, in CodeCommit's three lists. */
export interface AppliedChanges {
  files: Map<string, TreeEntry>;
  filesAdded: FileMetadata[];
  filesUpdated: FileMetadata[];
  filesDeleted: FileMetadata[];
}

const GITKEEP = '.gitkeep';

function parentsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function metadata(entry: TreeEntry): FileMetadata {
  return { absolutePath: entry.path, blobId: entry.objectId, fileMode: fileModeOf(entry.mode) ?? 'NORMAL' };
}

/** Refuses a commit naming one path twice, or putting a file where another put makes a folder. */
function checkDistinctPaths(changes: TreeChanges): void {
  const named = [...changes.puts.flatMap((p) => [p.path, ...(p.source?.isMove ? [p.source.path] : [])]), ...changes.deletes, ...changes.modes.map((m) => m.path)];
  if (new Set(named).size !== named.length) throw new SamePathRequestException();
  const putPaths = new Set(changes.puts.map((p) => p.path));
  if (changes.puts.some((p) => parentsOf(p.path).some((parent) => putPaths.has(parent)))) throw new PutFileEntryConflictException();
}

/** Refuses a file path that is, or lies under, something that cannot hold it. */
function checkPlace(files: Map<string, TreeEntry>, folders: Set<string>, path: string): void {
  if (files.get(path)?.mode === SUBMODULE_MODE) throw new FilePathConflictsWithSubmodulePathException();
  if (folders.has(path)) throw new FileNameConflictsWithDirectoryNameException(`A file cannot be added to the repository because the specified file name has the same name as a directory in this repository: ${path}`);
  for (const parent of parentsOf(path)) {
    const blocking = files.get(parent);
    if (blocking?.mode === SUBMODULE_MODE) throw new FilePathConflictsWithSubmodulePathException();
    if (blocking) throw new DirectoryNameConflictsWithFileNameException(`A file cannot be added to the repository because the specified path name has the same name as a file that already exists in this repository: ${parent}`);
  }
}

function foldersOf(files: Map<string, TreeEntry>): Set<string> {
  return new Set([...files.keys()].flatMap(parentsOf));
}

function requireFile(files: Map<string, TreeEntry>, path: string): TreeEntry {
  const entry = files.get(path);
  if (!entry || entry.mode === SUBMODULE_MODE) throw new FileDoesNotExistException(`The specified file does not exist: ${path}`);
  return entry;
}

/**
 * Applies a commit's deletions, puts (with copies and moves) and mode changes to the files of its parent tree,
 * with CodeCommit's checks, and reports each file added, updated and deleted.
 */
export function applyTreeChanges(parentFiles: readonly TreeEntry[], changes: TreeChanges): AppliedChanges {
  checkDistinctPaths(changes);
  const before = new Map(parentFiles.map((e) => [e.path, e]));
  const files = new Map(before);
  for (const path of changes.deletes) files.delete(requireFile(before, path).path);
  for (const put of changes.puts) {
    let blobId = put.blobId;
    let mode: string | undefined = put.mode && GIT_MODE_OF[put.mode];
    if (put.source) {
      if (put.source.path.split('/').pop() === GITKEEP) throw new RestrictedSourceFileException();
      const source = requireFile(before, put.source.path);
      blobId = source.objectId;
      mode ??= source.mode;
      if (put.source.isMove) files.delete(source.path);
    }
    checkPlace(files, foldersOf(files), put.path);
    mode ??= files.get(put.path)?.mode ?? GIT_MODE_OF.NORMAL;
    files.set(put.path, { mode, type: 'blob', objectId: blobId!, path: put.path });
  }
  for (const { path, mode } of changes.modes) {
    const entry = requireFile(files, path);
    files.set(path, { ...entry, mode: GIT_MODE_OF[mode] });
  }
  if (changes.keepEmptyFolders && changes.emptyBlobId) keepFolders(before, files, changes.emptyBlobId);
  return { files, ...compare(before, files) };
}

/** Puts a `.gitkeep` in each folder that had files before and has none now (keepEmptyFolders). */
function keepFolders(before: Map<string, TreeEntry>, files: Map<string, TreeEntry>, emptyBlobId: string): void {
  const now = foldersOf(files);
  const emptied = [...foldersOf(before)].filter((f) => !now.has(f));
  // Only the deepest emptied folders need one: their parents then hold a folder again.
  for (const folder of emptied.filter((f) => !emptied.some((other) => other.startsWith(`${f}/`)))) {
    const path = `${folder}/${GITKEEP}`;
    files.set(path, { mode: GIT_MODE_OF.NORMAL, type: 'blob', objectId: emptyBlobId, path });
  }
}

function compare(before: Map<string, TreeEntry>, after: Map<string, TreeEntry>): Omit<AppliedChanges, 'files'> {
  const filesAdded: FileMetadata[] = [];
  const filesUpdated: FileMetadata[] = [];
  const filesDeleted: FileMetadata[] = [];
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (!old) filesAdded.push(metadata(entry));
    else if (old.objectId !== entry.objectId || old.mode !== entry.mode) filesUpdated.push(metadata(entry));
  }
  for (const [path, entry] of before) if (!after.has(path)) filesDeleted.push(metadata(entry));
  return { filesAdded, filesUpdated, filesDeleted };
}
