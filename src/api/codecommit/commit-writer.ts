import { advanceBranch, isObjectId, listBranches, listTreeRecursive, readCommitObject, resolveBranch, resolveCommit, writeBlob, writeCommit, writeTree } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { callerArn, type RequestContext } from '../protocol/index.js';
import { settleDefaultBranch } from './default-branch.js';
import type { CodeCommitDeps } from './deps.js';
import { BranchDoesNotExistException } from './errors.js';
import {
  BranchNameIsTagNameException,
  CommitMessageLengthExceededException,
  InvalidEmailException,
  InvalidParentCommitIdException,
  NameLengthExceededException,
  ParentCommitDoesNotExistException,
  ParentCommitIdOutdatedException,
  ParentCommitIdRequiredException,
} from './file-errors.js';
import { checkBranchWritable } from './file-input.js';
import { applyTreeChanges, type AppliedChanges, type TreeChanges } from './tree-changes.js';

/** CodeCommit's limit on a commit message: 256 KB. */
export const MAX_COMMIT_MESSAGE_BYTES = 256 * 1024;
// CodeCommit documents no figure for names and emails; these keep a commit header sane.
const MAX_NAME_LENGTH = 1024;
const MAX_EMAIL_LENGTH = 320;

/** One commit to make on a branch through the API (PutFile, DeleteFile, CreateCommit). */
export interface CommitRequest {
  branchName: string;
  parentCommitId?: string;
  /** DeleteFile always needs a parent; the others only once the branch exists. */
  parentAlwaysRequired?: boolean;
  authorName?: string;
  email?: string;
  commitMessage?: string;
  changes: TreeChanges;
  /** The error when the commit would change nothing (NoChangeException, SameFileContentException). */
  noChange: () => Error;
  /** What the operation names itself in the reflog. */
  operation: string;
}

/** What a commit made: its id and tree, and the files it changed. */
export interface CommitResult extends AppliedChanges {
  commitId: string;
  treeId: string;
}

/** Checks the author's name, email and message against CodeCommit's limits; returns the identity to record. */
export function commitIdentity(deps: CodeCommitDeps, ctx: RequestContext, request: Pick<CommitRequest, 'authorName' | 'email' | 'commitMessage'>) {
  const name = request.authorName || callerArn(ctx);
  const email = request.email ?? '';
  if (name.length > MAX_NAME_LENGTH || /[<>\n\0]/.test(name)) throw new NameLengthExceededException();
  if (email.length > MAX_EMAIL_LENGTH || /[<>\s\0]/.test(email)) throw new InvalidEmailException();
  if (Buffer.byteLength(request.commitMessage ?? '') > MAX_COMMIT_MESSAGE_BYTES) throw new CommitMessageLengthExceededException();
  return { name, email, epochSeconds: Math.floor(deps.clock.now() / 1000) };
}

/** Checks the parent commit against the branch: it must be given once the branch exists, exist, and be its tip. */
async function checkParent(record: RepositoryRecord, request: CommitRequest): Promise<string | undefined> {
  const { gitDir } = record;
  const parent = request.parentCommitId;
  if (parent !== undefined && parent !== '') {
    if (!isObjectId(parent)) throw new InvalidParentCommitIdException();
    if (!(await readCommitObject(gitDir, parent))) throw new ParentCommitDoesNotExistException();
  } else if (request.parentAlwaysRequired) {
    throw new ParentCommitIdRequiredException();
  }
  const head = await resolveBranch(gitDir, request.branchName);
  if (!head) {
    if (await resolveCommit(gitDir, `refs/tags/${request.branchName}`)) throw new BranchNameIsTagNameException();
    // Only an empty repository gets a branch made by a commit; any other needs the branch first.
    if ((await listBranches(gitDir)).length > 0) throw new BranchDoesNotExistException(`The specified branch does not exist: ${request.branchName}`);
    if (parent) throw new ParentCommitDoesNotExistException();
    return undefined;
  }
  if (!parent) throw new ParentCommitIdRequiredException();
  if (parent !== head) throw new ParentCommitIdOutdatedException();
  return head;
}

/**
 * Makes a real commit on a branch of a bare repository: the parent's files with the changes applied, written as
 * a tree and a commit by git, and the branch moved only if it is still where the caller saw it. Change detection
 * watches the ref files, so pipelines following the branch start exactly as for a push.
 */
export async function commitToBranch(deps: CodeCommitDeps, record: RepositoryRecord, ctx: RequestContext, request: CommitRequest): Promise<CommitResult> {
  const who = commitIdentity(deps, ctx, request);
  await checkBranchWritable(record, request.branchName);
  const head = await checkParent(record, request);
  const { gitDir } = record;
  const parentFiles = head ? await listTreeRecursive(gitDir, head) : [];
  const changes = request.changes.keepEmptyFolders && request.changes.deletes.length ? { ...request.changes, emptyBlobId: await writeBlob(gitDir, Buffer.alloc(0)) } : request.changes;
  const applied = applyTreeChanges(parentFiles, changes);
  if (applied.filesAdded.length + applied.filesUpdated.length + applied.filesDeleted.length === 0) throw request.noChange();
  const treeId = await writeTree(gitDir, [...applied.files.values()]);
  const commitId = await writeCommit(gitDir, { treeId, parents: head ? [head] : [], message: request.commitMessage ?? '', author: who, committer: who });
  if (!(await advanceBranch(gitDir, request.branchName, commitId, head, request.operation))) throw new ParentCommitIdOutdatedException();
  // The first branch of a new repository becomes its default branch, as after a first push.
  if (!head) await settleDefaultBranch(deps, deps.repositories.get(record, record.name) ?? record);
  deps.log.info({ repositoryName: record.name, branchName: request.branchName, commitId, operation: request.operation }, 'commit made through the API');
  return { commitId, treeId, ...applied };
}
