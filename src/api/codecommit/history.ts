import type { BatchGetCommitsInput, BatchGetCommitsOutput, ListFileCommitHistoryRequest, ListFileCommitHistoryResponse } from '@aws-sdk/client-codecommit';
import { blobIdsAt, fileHistory, isObjectId, readCommitObjects } from '../../git/index.js';
import { pageByOffset, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { commitView } from './commits.js';
import type { CodeCommitDeps } from './deps.js';
import { CommitIdsLimitExceededException, CommitIdsListRequiredException } from './file-errors.js';
import { checkMaxResults, pathOrNothing, invalidContinuationToken, resolveSpecifier } from './file-input.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName } from './validate.js';

const MAX_BATCH_COMMIT_IDS = 100;
const HISTORY_PAGE_SIZE = 100;

/** BatchGetCommits: up to 100 commits at once; ids that name no commit are reported in `errors`, not thrown. */
export async function batchGetCommits(deps: CodeCommitDeps, input: CodeCommitInput<BatchGetCommitsInput>, ctx: RequestContext): Promise<HandlerOutput<BatchGetCommitsOutput>> {
  const ids = input.commitIds ?? [];
  if (ids.length === 0) throw new CommitIdsListRequiredException();
  if (ids.length > MAX_BATCH_COMMIT_IDS) throw new CommitIdsLimitExceededException();
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const valid = ids.filter(isObjectId);
  const found = await readCommitObjects(record.gitDir, valid);
  const byId = new Map(valid.map((id, i) => [id, found[i]]));
  const commits = ids.flatMap((id) => (byId.get(id) ? [commitView(byId.get(id)!)] : []));
  const errors = ids
    .filter((id) => !byId.get(id))
    .map((commitId) =>
      isObjectId(commitId)
        ? { commitId, errorCode: 'CommitIdDoesNotExistException', errorMessage: `The specified commit ID does not exist: ${commitId}` }
        : { commitId, errorCode: 'InvalidCommitIdException', errorMessage: `The specified commit ID is not valid: ${commitId}` },
    );
  return { commits, errors };
}

/**
 * ListFileCommitHistory: the commits that changed a file, newest first, from a commit (the default branch's head
 * when none is named) back; each with the file's blob and the later commits of the same history built on it.
 */
export async function listFileCommitHistory(
  deps: CodeCommitDeps,
  input: CodeCommitInput<ListFileCommitHistoryRequest>,
  ctx: RequestContext,
): Promise<HandlerOutput<ListFileCommitHistoryResponse>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  // The model lists no path errors here: a path that can name no file has no history.
  const path = pathOrNothing(input.filePath);
  const pageSize = checkMaxResults(input.maxResults, HISTORY_PAGE_SIZE);
  const commitId = await resolveSpecifier(deps, record, input.commitSpecifier);
  if (path === undefined) return { revisionDag: [] };
  const history = await fileHistory(record.gitDir, commitId, path);
  const children = new Map<string, string[]>();
  for (const c of history) for (const p of c.parents) children.set(p, [...(children.get(p) ?? []), c.commitId]);
  const page = pageByOffset(history, input.nextToken, pageSize, invalidContinuationToken);
  const ids = page.items.map((c) => c.commitId);
  const [commits, blobs] = await Promise.all([readCommitObjects(record.gitDir, ids), blobIdsAt(record.gitDir, ids, path)]);
  return {
    revisionDag: page.items.map((c, i) => ({
      // The parents shown are the file's own history (git's rewritten parents), as the DAG is the file's.
      commit: { ...commitView(commits[i]!), parents: c.parents },
      ...(blobs[i] ? { blobId: blobs[i] } : {}),
      path,
      revisionChildren: children.get(c.commitId) ?? [],
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
