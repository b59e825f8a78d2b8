import { readCommitObject, type CommitObject, type CommitSignature } from '../../git/index.js';
import type { Commit, GetCommitInput, GetCommitOutput, UserInfo } from '@aws-sdk/client-codecommit';
import type { HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import { CommitIdDoesNotExistException } from './errors.js';
import { checkCommitIdFormat, findRepository, requireCommitId, requireRepositoryName } from './validate.js';

function userInfo(person: CommitSignature): UserInfo {
  return { name: person.name, email: person.email, date: person.date };
}

/** A commit as CodeCommit's Commit shape gives it (GetCommit, BatchGetCommits, ListFileCommitHistory). */
export function commitView(commit: CommitObject): Commit {
  return {
    commitId: commit.commitId,
    treeId: commit.treeId,
    parents: commit.parents,
    message: commit.message,
    author: userInfo(commit.author),
    committer: userInfo(commit.committer),
    additionalData: '',
  };
}

/** GetCommit: a commit's tree, parents, message, author and committer, dates as `<epoch seconds> <±hhmm>` as CodeCommit gives them. */
export async function getCommit(deps: CodeCommitDeps, input: CodeCommitInput<GetCommitInput>, ctx: RequestContext): Promise<HandlerOutput<GetCommitOutput>> {
  const name = requireRepositoryName(input.repositoryName);
  const commitId = requireCommitId(input.commitId);
  const record = findRepository(deps, ctx, name);
  const commit = await readCommitObject(record.gitDir, checkCommitIdFormat(commitId));
  if (!commit) throw new CommitIdDoesNotExistException(`The specified commit ID does not exist: ${commitId}`);
  return { commit: commitView(commit) };
}
