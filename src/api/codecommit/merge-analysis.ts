import { diffTrees, emptyTreeId, isAncestor, listTreeRecursive, mergeBase, mergeCommitTrees, type TreeEntry } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import type { CodeCommitDeps } from './deps.js';
import { CommitRequiredException } from './file-errors.js';
import { resolveSpecifier } from './file-input.js';
import { InvalidConflictDetailLevelException, InvalidConflictResolutionStrategyException } from './merge-errors.js';

/** CodeCommit's conflict detail levels: a file changed on both sides, or the same lines changed on both sides. */
export type ConflictDetailLevel = 'FILE_LEVEL' | 'LINE_LEVEL';
/** CodeCommit's conflict resolution strategies. */
export type ConflictResolutionStrategy = 'NONE' | 'ACCEPT_SOURCE' | 'ACCEPT_DESTINATION' | 'AUTOMERGE';

/** The members every merge operation shares. */
export interface MergeSpecifiers {
  sourceCommitSpecifier?: string;
  destinationCommitSpecifier?: string;
  conflictDetailLevel?: string;
  conflictResolutionStrategy?: string;
}

/** One file two branches both changed, with each side's entry (undefined where the file is absent). */
export interface FileConflict {
  path: string;
  base?: TreeEntry;
  source?: TreeEntry;
  destination?: TreeEntry;
  /** Whether git itself could not merge the file (overlapping lines, or a file against a deletion). */
  lineLevel: boolean;
}

/** Everything the merge operations need to know about merging a source commit into a destination commit. */
export interface MergeAnalysis {
  sourceCommitId: string;
  destinationCommitId: string;
  baseCommitId?: string;
  /** The destination is an ancestor of the source: the branch can simply move. */
  fastForward: boolean;
  /** git's merged tree (files it could not merge hold conflict markers). */
  mergedTreeId: string;
  /** The conflicts at the requested detail level, before any strategy or resolution is applied. */
  conflicts: FileConflict[];
  /** Those of `conflicts` the requested strategy does not settle: they need a resolution entry each. */
  unresolved: FileConflict[];
  strategy: ConflictResolutionStrategy;
}

function detailLevel(value: string | undefined): ConflictDetailLevel {
  if (value === undefined || value === 'FILE_LEVEL' || value === 'LINE_LEVEL') return value ?? 'FILE_LEVEL';
  throw new InvalidConflictDetailLevelException();
}

function strategyOf(value: string | undefined): ConflictResolutionStrategy {
  if (value === undefined || ['NONE', 'ACCEPT_SOURCE', 'ACCEPT_DESTINATION', 'AUTOMERGE'].includes(value)) return (value ?? 'NONE') as ConflictResolutionStrategy;
  throw new InvalidConflictResolutionStrategyException();
}

/** Checks the detail level and strategy of a merge request; FILE_LEVEL and NONE when not given. */
export function checkMergeModes(input: MergeSpecifiers): { level: ConflictDetailLevel; strategy: ConflictResolutionStrategy } {
  return { level: detailLevel(input.conflictDetailLevel), strategy: strategyOf(input.conflictResolutionStrategy) };
}

/** Resolves the two specifiers of a merge operation, both required. */
export async function resolveMergeCommits(deps: CodeCommitDeps, record: RepositoryRecord, input: MergeSpecifiers): Promise<{ source: string; destination: string }> {
  if (!input.sourceCommitSpecifier || !input.destinationCommitSpecifier) throw new CommitRequiredException();
  const source = await resolveSpecifier(deps, record, input.sourceCommitSpecifier);
  const destination = await resolveSpecifier(deps, record, input.destinationCommitSpecifier);
  return { source, destination };
}

function sameEntry(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  return a?.objectId === b?.objectId && a?.mode === b?.mode;
}

/**
 * Analyses merging a source commit into a destination commit with git's merge-tree: whether it fast-forwards, the
 * merged tree, and the conflicts at the requested detail level (FILE_LEVEL, the default, counts every file both
 * sides changed differently; LINE_LEVEL only those git cannot merge), and which of them the strategy leaves open.
 */
export async function analyseMerge(deps: CodeCommitDeps, record: RepositoryRecord, input: MergeSpecifiers): Promise<MergeAnalysis> {
  const { level, strategy } = checkMergeModes(input);
  const { source, destination } = await resolveMergeCommits(deps, record, input);
  const { gitDir } = record;
  const [base, fastForward, merged] = await Promise.all([mergeBase(gitDir, destination, source), isAncestor(gitDir, destination, source), mergeCommitTrees(gitDir, destination, source)]);
  const baseTree = base ?? emptyTreeId(source.length);
  const [toSource, toDestination] = await Promise.all([diffTrees(gitDir, baseTree, source), diffTrees(gitDir, baseTree, destination)]);
  const gitConflicts = new Set(merged.conflictedPaths);
  const changedBySource = new Set(toSource.map((d) => (d.after ?? d.before)!.path));
  const bothChanged = toDestination.map((d) => (d.after ?? d.before)!.path).filter((p) => changedBySource.has(p));
  const candidates = level === 'LINE_LEVEL' ? [...gitConflicts] : [...new Set([...bothChanged, ...gitConflicts])];
  const conflicts = await describeConflicts(gitDir, { base, source, destination }, candidates, gitConflicts);
  const settled = (c: FileConflict) => strategy === 'ACCEPT_SOURCE' || strategy === 'ACCEPT_DESTINATION' || (strategy === 'AUTOMERGE' && !c.lineLevel);
  return {
    sourceCommitId: source,
    destinationCommitId: destination,
    ...(base ? { baseCommitId: base } : {}),
    fastForward,
    mergedTreeId: merged.treeId,
    conflicts,
    unresolved: conflicts.filter((c) => !settled(c)),
    strategy,
  };
}

/** Reads each side's entry of the candidate paths, keeping only those the two sides left different. */
async function describeConflicts(gitDir: string, commits: { base?: string; source: string; destination: string }, paths: string[], gitConflicts: Set<string>): Promise<FileConflict[]> {
  if (paths.length === 0) return [];
  const read = async (commit: string | undefined) => new Map(commit ? (await listTreeRecursive(gitDir, commit)).map((e) => [e.path, e]) : []);
  const [base, source, destination] = await Promise.all([read(commits.base), read(commits.source), read(commits.destination)]);
  return paths
    .sort()
    .map((path) => ({ path, base: base.get(path), source: source.get(path), destination: destination.get(path), lineLevel: gitConflicts.has(path) }))
    .filter((c) => c.lineLevel || !sameEntry(c.source, c.destination));
}
