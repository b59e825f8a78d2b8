import { findTreeEntry, isObjectId, listFolder, objectInfo, readBlob, readCommitObject, SUBMODULE_MODE } from '../../git/index.js';
import type { GetBlobInput, GetBlobOutput, GetFileInput, GetFileOutput, GetFolderInput, GetFolderOutput } from '@aws-sdk/client-codecommit';
import type { HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import {
  BlobIdDoesNotExistException,
  BlobIdRequiredException,
  FileDoesNotExistException,
  FileTooLargeException,
  FolderDoesNotExistException,
  InvalidBlobIdException,
  PathRequiredException,
} from './file-errors.js';
import { checkPath, fileModeOf, resolveSpecifier } from './file-input.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName } from './validate.js';

/** The largest file GetFile and GetBlob return: CodeCommit's 6 MB per file. */
export const MAX_FILE_BYTES = 6 * 1024 * 1024;

/** GetBlob: the bytes of a blob by its id. */
export async function getBlob(deps: CodeCommitDeps, input: CodeCommitInput<GetBlobInput>, ctx: RequestContext): Promise<HandlerOutput<GetBlobOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  if (input.blobId === undefined || input.blobId === '') throw new BlobIdRequiredException();
  if (!isObjectId(input.blobId)) throw new InvalidBlobIdException(`The specified blob is not valid: ${input.blobId}`);
  const info = await objectInfo(record.gitDir, input.blobId);
  if (info?.type !== 'blob') throw new BlobIdDoesNotExistException(`The specified blob does not exist: ${input.blobId}`);
  if (info.size > MAX_FILE_BYTES) throw new FileTooLargeException();
  // Blobs go on the wire as base64 text in CodeCommit's JSON protocol.
  return { content: (await readBlob(record.gitDir, input.blobId))!.toString('base64') };
}

/** GetFile: a file's bytes, blob, mode and size at a commit (the default branch's head when none is named). */
export async function getFile(deps: CodeCommitDeps, input: CodeCommitInput<GetFileInput>, ctx: RequestContext): Promise<HandlerOutput<GetFileOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const path = checkPath(input.filePath);
  const commitId = await resolveSpecifier(deps, record, input.commitSpecifier);
  const entry = await findTreeEntry(record.gitDir, commitId, path);
  const fileMode = entry && fileModeOf(entry.mode);
  if (!entry || !fileMode) throw new FileDoesNotExistException(`The specified file does not exist: ${input.filePath}`);
  const info = await objectInfo(record.gitDir, entry.objectId);
  if (!info || info.size > MAX_FILE_BYTES) throw new FileTooLargeException();
  return { commitId, blobId: entry.objectId, filePath: path, fileMode, fileSize: info.size, fileContent: (await readBlob(record.gitDir, entry.objectId))!.toString('base64') };
}

/** GetFolder: a folder's files, subfolders, symbolic links and submodules at a commit; `/` is the root. */
export async function getFolder(deps: CodeCommitDeps, input: CodeCommitInput<GetFolderInput>, ctx: RequestContext): Promise<HandlerOutput<GetFolderOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const folder = checkPath(input.folderPath, { allowRoot: true, required: () => new PathRequiredException() });
  const commitId = await resolveSpecifier(deps, record, input.commitSpecifier);
  const missing = () => new FolderDoesNotExistException(`The specified folder does not exist: ${input.folderPath}`);
  let treeId = (await readCommitObject(record.gitDir, commitId))!.treeId;
  if (folder) {
    const entry = await findTreeEntry(record.gitDir, commitId, folder);
    if (entry?.type !== 'tree') throw missing();
    treeId = entry.objectId;
  }
  const entries = await listFolder(record.gitDir, commitId, folder);
  const place = (path: string) => ({ absolutePath: path, relativePath: path.slice(folder ? folder.length + 1 : 0) });
  return {
    commitId,
    folderPath: input.folderPath,
    treeId,
    subFolders: entries.filter((e) => e.type === 'tree').map((e) => ({ treeId: e.objectId, ...place(e.path) })),
    files: entries.filter((e) => e.type === 'blob' && e.mode !== '120000').map((e) => ({ blobId: e.objectId, ...place(e.path), fileMode: fileModeOf(e.mode) })),
    symbolicLinks: entries.filter((e) => e.mode === '120000').map((e) => ({ blobId: e.objectId, ...place(e.path), fileMode: 'SYMLINK' })),
    subModules: entries.filter((e) => e.mode === SUBMODULE_MODE).map((e) => ({ commitId: e.objectId, ...place(e.path) })),
  };
}
