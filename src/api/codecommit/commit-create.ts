import { writeBlob } from '../../git/index.js';
import type { CreateCommitInput, CreateCommitOutput, DeleteFileInput, DeleteFileOutput, PutFileInput, PutFileOutput } from '@aws-sdk/client-codecommit';
import type { HandlerOutput, RequestContext } from '../protocol/index.js';
import { commitToBranch } from './commit-writer.js';
import type { CodeCommitDeps } from './deps.js';
import {
  FileContentAndSourceFileSpecifiedException,
  FileContentRequiredException,
  FileContentSizeLimitExceededException,
  FileEntryRequiredException,
  FileModeRequiredException,
  MaximumFileEntriesExceededException,
  NoChangeException,
  SameFileContentException,
  SourceFileOrContentRequiredException,
} from './file-errors.js';
import { checkFileMode, checkPath } from './file-input.js';
import { MAX_FILE_BYTES } from './files.js';
import type { PutChange } from './tree-changes.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireBranchName, requireRepositoryName } from './validate.js';

// CodeCommit's quotas: 6 MB a file, 7 MB of content in one commit, 100 files changed by one commit.
const MAX_COMMIT_CONTENT_BYTES = 7 * 1024 * 1024;
const MAX_FILE_ENTRIES = 100;

type Content = Uint8Array | string | undefined;

function bytesOf(content: Content): Buffer | undefined {
  if (content === undefined) return undefined;
  return typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content);
}

function checkSizes(contents: Buffer[]): void {
  if (contents.some((c) => c.length > MAX_FILE_BYTES) || contents.reduce((sum, c) => sum + c.length, 0) > MAX_COMMIT_CONTENT_BYTES) {
    throw new FileContentSizeLimitExceededException();
  }
}

/** PutFile: adds or updates one file on a branch (creating the branch in an empty repository) as a new commit. */
export async function putFile(deps: CodeCommitDeps, input: CodeCommitInput<PutFileInput>, ctx: RequestContext): Promise<HandlerOutput<PutFileOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const branchName = requireBranchName(input.branchName);
  const content = bytesOf(input.fileContent);
  if (!content?.length) throw new FileContentRequiredException();
  checkSizes([content]);
  const path = checkPath(input.filePath);
  const mode = input.fileMode === undefined ? undefined : checkFileMode(input.fileMode);
  const blobId = await writeBlob(record.gitDir, content);
  const result = await commitToBranch(deps, record, ctx, {
    branchName,
    parentCommitId: input.parentCommitId,
    authorName: input.name,
    email: input.email,
    commitMessage: input.commitMessage,
    changes: { puts: [{ path, mode, blobId }], deletes: [], modes: [], keepEmptyFolders: false },
    noChange: () => new SameFileContentException(),
    operation: 'PutFile',
  });
  return { commitId: result.commitId, blobId, treeId: result.treeId };
}

/** DeleteFile: removes one file from a branch as a new commit, keeping emptied folders when asked. */
export async function deleteFile(deps: CodeCommitDeps, input: CodeCommitInput<DeleteFileInput>, ctx: RequestContext): Promise<HandlerOutput<DeleteFileOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const branchName = requireBranchName(input.branchName);
  const path = checkPath(input.filePath);
  const result = await commitToBranch(deps, record, ctx, {
    branchName,
    parentCommitId: input.parentCommitId,
    parentAlwaysRequired: true,
    authorName: input.name,
    email: input.email,
    commitMessage: input.commitMessage,
    changes: { puts: [], deletes: [path], modes: [], keepEmptyFolders: input.keepEmptyFolders ?? false },
    noChange: () => new NoChangeException(),
    operation: 'DeleteFile',
  });
  return { commitId: result.commitId, blobId: result.filesDeleted[0].blobId, treeId: result.treeId, filePath: path };
}

/** Checks the put entries and writes their contents as blobs. */
async function putChanges(gitDir: string, entries: NonNullable<CodeCommitInput<CreateCommitInput>['putFiles']>): Promise<PutChange[]> {
  const contents = entries.map((e) => bytesOf(e.fileContent));
  const checked = entries.map((entry, i) => {
    const path = checkPath(entry.filePath);
    const content = contents[i];
    if (content?.length && entry.sourceFile) throw new FileContentAndSourceFileSpecifiedException();
    if (!content?.length && !entry.sourceFile) throw new SourceFileOrContentRequiredException();
    const mode = entry.fileMode === undefined ? undefined : checkFileMode(entry.fileMode);
    const source = entry.sourceFile && { path: checkPath(entry.sourceFile.filePath), isMove: entry.sourceFile.isMove ?? false };
    return { path, mode, source, content };
  });
  checkSizes(checked.flatMap((c) => (c.content ? [c.content] : [])));
  return Promise.all(checked.map(async ({ content, ...put }) => (content?.length ? { ...put, blobId: await writeBlob(gitDir, content) } : put)));
}

/** CreateCommit: one commit on a branch with any number of puts, copies, moves, deletions and mode changes. */
export async function createCommit(deps: CodeCommitDeps, input: CodeCommitInput<CreateCommitInput>, ctx: RequestContext): Promise<HandlerOutput<CreateCommitOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const branchName = requireBranchName(input.branchName);
  const [puts, deletes, modes] = [input.putFiles ?? [], input.deleteFiles ?? [], input.setFileModes ?? []];
  const count = puts.length + deletes.length + modes.length;
  if (count === 0) throw new FileEntryRequiredException();
  if (count > MAX_FILE_ENTRIES) throw new MaximumFileEntriesExceededException();
  const setModes = modes.map((m) => {
    if (m.fileMode === undefined) throw new FileModeRequiredException();
    return { path: checkPath(m.filePath), mode: checkFileMode(m.fileMode) };
  });
  const result = await commitToBranch(deps, record, ctx, {
    branchName,
    parentCommitId: input.parentCommitId,
    authorName: input.authorName,
    email: input.email,
    commitMessage: input.commitMessage,
    changes: { puts: await putChanges(record.gitDir, puts), deletes: deletes.map((d) => checkPath(d.filePath)), modes: setModes, keepEmptyFolders: input.keepEmptyFolders ?? false },
    noChange: () => new NoChangeException(),
    operation: 'CreateCommit',
  });
  return { commitId: result.commitId, treeId: result.treeId, filesAdded: result.filesAdded, filesUpdated: result.filesUpdated, filesDeleted: result.filesDeleted };
}
