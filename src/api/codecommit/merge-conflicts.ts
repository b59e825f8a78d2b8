import type {
  BatchDescribeMergeConflictsInput,
  BatchDescribeMergeConflictsOutput,
  ConflictMetadata,
  DescribeMergeConflictsInput,
  DescribeMergeConflictsOutput,
  GetMergeConflictsInput,
  GetMergeConflictsOutput,
  MergeHunk,
  ObjectTypeEnum,
} from '@aws-sdk/client-codecommit';
import { readBlob, SUBMODULE_MODE, type TreeEntry } from '../../git/index.js';
import { pageByOffset, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { FileDoesNotExistException } from './file-errors.js';
import { checkMaxResults, checkPath, fileModeOf, invalidContinuationToken, pathOrNothing } from './file-input.js';
import { analyseMerge, type FileConflict, type MergeAnalysis } from './merge-analysis.js';
import { InvalidMaxConflictFilesException, InvalidMaxMergeHunksException } from './merge-errors.js';
import { requireMergeOption } from './merges.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName } from './validate.js';

const CONFLICT_FILES_PAGE_SIZE = 100;

function objectType(entry: TreeEntry | undefined): ObjectTypeEnum | undefined {
  if (!entry) return undefined;
  if (entry.mode === SUBMODULE_MODE) return 'GIT_LINK';
  if (entry.mode === '120000') return 'SYMBOLIC_LINK';
  return entry.type === 'tree' ? 'DIRECTORY' : 'FILE';
}

function changeType(base: TreeEntry | undefined, side: TreeEntry | undefined): 'A' | 'M' | 'D' {
  return !base ? 'A' : !side ? 'D' : 'M';
}

/** The three versions of a conflicted file, as bytes (undefined where the side has no file). */
async function versions(gitDir: string, conflict: FileConflict) {
  const read = async (e: TreeEntry | undefined) => (e && e.type === 'blob' ? readBlob(gitDir, e.objectId) : undefined);
  const [base, source, destination] = await Promise.all([read(conflict.base), read(conflict.source), read(conflict.destination)]);
  return { base, source, destination };
}

type Versions = Awaited<ReturnType<typeof versions>>;
const isBinary = (content: Buffer | undefined) => (content ? content.subarray(0, 8000).includes(0) : undefined);

/**
 * How the two sides of a conflicted file differ, each measured against the base, as CodeCommit reports it: a content
 * conflict when both sides changed the content (adding or deleting the file counts) and ended different; a file mode
 * or object type conflict when both changed the mode or type and ended different. A file both sides changed
 * otherwise (one side its lines, the other its mode) is still a conflict at FILE_LEVEL, with none of the three.
 */
function conflictKinds(conflict: FileConflict) {
  const { base, source, destination } = conflict;
  const content = (e: TreeEntry | undefined) => e?.objectId;
  const mode = (e: TreeEntry | undefined) => e && fileModeOf(e.mode);
  const bothChanged = <T>(of: (e: TreeEntry | undefined) => T) => of(source) !== of(base) && of(destination) !== of(base) && of(source) !== of(destination);
  const both = source !== undefined && destination !== undefined;
  return { contentConflict: bothChanged(content), fileModeConflict: both && bothChanged(mode), objectTypeConflict: both && bothChanged(objectType) };
}

/** CodeCommit's ConflictMetadata of one conflicted file. */
function conflictMetadata(conflict: FileConflict, content: Versions): ConflictMetadata {
  const { base, source, destination } = conflict;
  const kinds = conflictKinds(conflict);
  // numberOfConflicts counts hunk conflicts and metadata conflicts; a file listed at all has at least one.
  const counted = [kinds.contentConflict, kinds.fileModeConflict, kinds.objectTypeConflict].filter(Boolean).length;
  return {
    filePath: conflict.path,
    fileSizes: { source: content.source?.length, destination: content.destination?.length, base: content.base?.length },
    fileModes: { source: source && fileModeOf(source.mode), destination: destination && fileModeOf(destination.mode), base: base && fileModeOf(base.mode) },
    objectTypes: { source: objectType(source), destination: objectType(destination), base: objectType(base) },
    numberOfConflicts: Math.max(counted, 1),
    isBinaryFile: { source: isBinary(content.source), destination: isBinary(content.destination), base: isBinary(content.base) },
    ...kinds,
    mergeOperations: { source: changeType(base, source), destination: changeType(base, destination) },
  };
}

/**
 * One side of a hunk covering a whole file version, as CodeCommit's API examples show hunks: lines counted from 0
 * (`endLine` is the line after the last) and the content base64-encoded. A side without the file has no part.
 */
function wholeFile(content: Buffer | undefined) {
  if (content === undefined) return undefined;
  const text = content.toString('utf8');
  const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return { startLine: 0, endLine: lines, hunkContent: content.toString('base64') };
}

/** The merge hunks of a conflicted file: one hunk holding each side's whole version, a conflict when their contents are. */
function mergeHunks(conflict: FileConflict, content: Versions): MergeHunk[] {
  const isConflict = conflictKinds(conflict).contentConflict;
  return [{ isConflict, source: wholeFile(content.source), destination: wholeFile(content.destination), base: wholeFile(content.base) }];
}

function commitIds(analysis: MergeAnalysis) {
  return { destinationCommitId: analysis.destinationCommitId, sourceCommitId: analysis.sourceCommitId, ...(analysis.baseCommitId ? { baseCommitId: analysis.baseCommitId } : {}) };
}

/** The conflicts a merge option meets: none for a fast-forward (it either moves the branch or cannot be done). */
async function conflictsFor(deps: CodeCommitDeps, input: CodeCommitInput<GetMergeConflictsInput>, ctx: RequestContext) {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const option = requireMergeOption(input.mergeOption);
  const analysis = await analyseMerge(deps, record, input);
  const conflicts = option === 'FAST_FORWARD_MERGE' ? [] : analysis.conflicts;
  const mergeable = option === 'FAST_FORWARD_MERGE' ? analysis.fastForward : analysis.unresolved.length === 0;
  return { record, analysis, conflicts, mergeable };
}

/** GetMergeConflicts: whether two commits merge by an option, and the metadata of each file in conflict, paged. */
export async function getMergeConflicts(deps: CodeCommitDeps, input: CodeCommitInput<GetMergeConflictsInput>, ctx: RequestContext): Promise<HandlerOutput<GetMergeConflictsOutput>> {
  const size = checkMaxResults(input.maxConflictFiles, CONFLICT_FILES_PAGE_SIZE, () => new InvalidMaxConflictFilesException());
  const { record, analysis, conflicts, mergeable } = await conflictsFor(deps, input, ctx);
  const page = pageByOffset(conflicts, input.nextToken, size, invalidContinuationToken);
  const conflictMetadataList = await Promise.all(page.items.map(async (c) => conflictMetadata(c, await versions(record.gitDir, c))));
  return { mergeable, ...commitIds(analysis), conflictMetadataList, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** DescribeMergeConflicts: one file's conflict metadata and merge hunks. */
export async function describeMergeConflicts(deps: CodeCommitDeps, input: CodeCommitInput<DescribeMergeConflictsInput>, ctx: RequestContext): Promise<HandlerOutput<DescribeMergeConflictsOutput>> {
  const size = checkMaxResults(input.maxMergeHunks, CONFLICT_FILES_PAGE_SIZE, () => new InvalidMaxMergeHunksException());
  const path = checkPath(input.filePath);
  const { record, analysis, conflicts } = await conflictsFor(deps, input, ctx);
  const conflict = conflicts.find((c) => c.path === path);
  if (!conflict) throw new FileDoesNotExistException(`The specified file has no merge conflict: ${path}`);
  const content = await versions(record.gitDir, conflict);
  const page = pageByOffset(mergeHunks(conflict, content), input.nextToken, size, invalidContinuationToken);
  return { conflictMetadata: conflictMetadata(conflict, content), mergeHunks: page.items, ...commitIds(analysis), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** BatchDescribeMergeConflicts: the metadata and hunks of each conflicted file (or of those named), paged by file. */
export async function batchDescribeMergeConflicts(
  deps: CodeCommitDeps,
  input: CodeCommitInput<BatchDescribeMergeConflictsInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<BatchDescribeMergeConflictsOutput>> {
  const size = checkMaxResults(input.maxConflictFiles, CONFLICT_FILES_PAGE_SIZE, () => new InvalidMaxConflictFilesException());
  const hunks = checkMaxResults(input.maxMergeHunks, CONFLICT_FILES_PAGE_SIZE, () => new InvalidMaxMergeHunksException());
  // The model lists no path errors for this operation: a path that names no file simply matches no conflict.
  const wanted = input.filePaths && new Set(input.filePaths.flatMap((p) => pathOrNothing(p) ?? []));
  const { record, analysis, conflicts } = await conflictsFor(deps, input, ctx);
  const page = pageByOffset(
    conflicts.filter((c) => !wanted || wanted.has(c.path)),
    input.nextToken,
    size,
    invalidContinuationToken,
  );
  const described = await Promise.all(
    page.items.map(async (c) => {
      const content = await versions(record.gitDir, c);
      return { conflictMetadata: conflictMetadata(c, content), mergeHunks: mergeHunks(c, content).slice(0, hunks) };
    }),
  );
  return { conflicts: described, errors: [], ...commitIds(analysis), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
