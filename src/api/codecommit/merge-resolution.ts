import type { ConflictResolution } from '@aws-sdk/client-codecommit';
import { listTreeRecursive, writeBlob, writeTree, type TreeEntry } from '../../git/index.js';
import { FileModeRequiredException } from './file-errors.js';
import { checkFileMode, checkPath, GIT_MODE_OF } from './file-input.js';
import type { FileConflict, MergeAnalysis } from './merge-analysis.js';
import {
  InvalidConflictResolutionException,
  InvalidReplacementContentException,
  InvalidReplacementTypeException,
  ManualMergeRequiredException,
  MaximumConflictResolutionEntriesExceededException,
  MultipleConflictResolutionEntriesException,
  ReplacementContentRequiredException,
  ReplacementTypeRequiredException,
} from './merge-errors.js';
import type { CodeCommitInput } from './operations.js';

const MAX_RESOLUTION_ENTRIES = 100;
const REPLACEMENT_TYPES = ['KEEP_BASE', 'KEEP_SOURCE', 'KEEP_DESTINATION', 'USE_NEW_CONTENT'];

/** A conflict resolution as the handlers receive it. */
export type ConflictResolutionInput = CodeCommitInput<ConflictResolution>;

type Override = TreeEntry | null;

function bytesOf(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content);
}

/** The entry of a conflicted file on one side, as an override (null deletes the file). */
function side(conflict: FileConflict, which: 'base' | 'source' | 'destination'): Override {
  return conflict[which] ?? null;
}

/** Checks the resolution entries and turns them into the files they leave at each conflicted path. */
async function resolutionOverrides(gitDir: string, conflicts: Map<string, FileConflict>, resolution: ConflictResolutionInput): Promise<Map<string, Override>> {
  const replaces = resolution.replaceContents ?? [];
  const deletes = resolution.deleteFiles ?? [];
  const modes = resolution.setFileModes ?? [];
  if (replaces.length + deletes.length + modes.length > MAX_RESOLUTION_ENTRIES) throw new MaximumConflictResolutionEntriesExceededException();
  const paths = [...replaces, ...deletes].map((e) => checkPath(e.filePath));
  if (new Set(paths).size !== paths.length) throw new MultipleConflictResolutionEntriesException();
  const conflictAt = (path: string) => {
    const conflict = conflicts.get(path);
    if (!conflict) throw new InvalidConflictResolutionException(`The specified conflict resolution list is not valid: ${path} has no conflict.`);
    return conflict;
  };
  const overrides = new Map<string, Override>();
  for (const entry of replaces) {
    const path = checkPath(entry.filePath);
    const conflict = conflictAt(path);
    if (entry.replacementType === undefined) throw new ReplacementTypeRequiredException();
    if (!REPLACEMENT_TYPES.includes(entry.replacementType)) throw new InvalidReplacementTypeException();
    const mode = entry.fileMode === undefined ? undefined : GIT_MODE_OF[checkFileMode(entry.fileMode)];
    if (entry.replacementType !== 'USE_NEW_CONTENT') {
      if (entry.content !== undefined && bytesOf(entry.content).length) throw new InvalidReplacementContentException();
      const kept = side(conflict, entry.replacementType === 'KEEP_BASE' ? 'base' : entry.replacementType === 'KEEP_SOURCE' ? 'source' : 'destination');
      overrides.set(path, kept && mode ? { ...kept, mode } : kept);
      continue;
    }
    if (entry.content === undefined) throw new ReplacementContentRequiredException();
    const objectId = await writeBlob(gitDir, bytesOf(entry.content));
    overrides.set(path, { path, type: 'blob', objectId, mode: mode ?? conflict.destination?.mode ?? conflict.source?.mode ?? GIT_MODE_OF.NORMAL });
  }
  for (const entry of deletes) {
    const path = checkPath(entry.filePath);
    conflictAt(path);
    overrides.set(path, null);
  }
  for (const entry of modes) {
    const path = checkPath(entry.filePath);
    if (entry.fileMode === undefined) throw new FileModeRequiredException();
    const mode = GIT_MODE_OF[checkFileMode(entry.fileMode)];
    const current = overrides.has(path) ? overrides.get(path) : side(conflictAt(path), 'destination') ?? side(conflictAt(path), 'source');
    if (!current) throw new InvalidConflictResolutionException(`The specified conflict resolution list is not valid: ${path} is deleted.`);
    overrides.set(path, { ...current, mode });
  }
  return overrides;
}

/**
 * Builds the tree of a merge: git's merged tree, with each conflict settled by the strategy (one side's file) or
 * by its resolution entry. A conflict left unsettled is ManualMergeRequiredException.
 */
export async function resolvedMergeTree(gitDir: string, analysis: MergeAnalysis, resolution: ConflictResolutionInput | undefined): Promise<string> {
  const overrides = new Map<string, Override>();
  if (analysis.strategy === 'ACCEPT_SOURCE' || analysis.strategy === 'ACCEPT_DESTINATION') {
    const which = analysis.strategy === 'ACCEPT_SOURCE' ? 'source' : 'destination';
    for (const conflict of analysis.conflicts) overrides.set(conflict.path, side(conflict, which));
  }
  const conflicts = new Map(analysis.conflicts.map((c) => [c.path, c]));
  for (const [path, entry] of resolution ? await resolutionOverrides(gitDir, conflicts, resolution) : []) overrides.set(path, entry);
  if (analysis.unresolved.some((c) => !overrides.has(c.path))) throw new ManualMergeRequiredException();
  if (overrides.size === 0) return analysis.mergedTreeId;
  const files = new Map((await listTreeRecursive(gitDir, analysis.mergedTreeId)).map((e) => [e.path, e]));
  for (const [path, entry] of overrides) {
    if (entry) files.set(path, { ...entry, path });
    else files.delete(path);
  }
  return writeTree(gitDir, [...files.values()]);
}
