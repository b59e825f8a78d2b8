import type { GetDifferencesInput, GetDifferencesOutput } from '@aws-sdk/client-codecommit';
import { diffTrees, emptyTreeId, findTreeEntry, type TreeDifference } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { pageByOffset, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { CommitRequiredException, PathDoesNotExistException } from './file-errors.js';
import { checkMaxResults, checkPath, invalidContinuationToken, resolveSpecifier } from './file-input.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName } from './validate.js';

const DIFFERENCES_PAGE_SIZE = 100;

/** Tells whether a path exists in a commit (any entry: file or folder); the root always does. */
async function hasPath(record: RepositoryRecord, commitId: string | undefined, path: string): Promise<boolean> {
  if (!commitId) return false;
  return !path || (await findTreeEntry(record.gitDir, commitId, path)) !== undefined;
}

/** The tree-ish of a folder of a commit (`<id>:<folder>`), or the commit itself for the root. */
function treeish(commitId: string, folder: string): string {
  return folder ? `${commitId}:${folder}` : commitId;
}

function prefixed(diff: TreeDifference, beforePath: string, afterPath: string): TreeDifference {
  const join = (folder: string, path: string) => (folder ? `${folder}/${path}` : path);
  return {
    changeType: diff.changeType,
    ...(diff.before ? { before: { ...diff.before, path: join(beforePath, diff.before.path) } } : {}),
    ...(diff.after ? { after: { ...diff.after, path: join(afterPath, diff.after.path) } } : {}),
  };
}

/**
 * GetDifferences: the files that differ between two commits (or everything in the after commit when there is no
 * before commit), within a path, or between a folder and its later name; paged.
 */
export async function getDifferences(deps: CodeCommitDeps, input: CodeCommitInput<GetDifferencesInput>, ctx: RequestContext): Promise<HandlerOutput<GetDifferencesOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  if (input.afterCommitSpecifier === undefined || input.afterCommitSpecifier === '') throw new CommitRequiredException();
  const pageSize = checkMaxResults(input.MaxResults, DIFFERENCES_PAGE_SIZE);
  const after = await resolveSpecifier(deps, record, input.afterCommitSpecifier);
  const before = input.beforeCommitSpecifier ? await resolveSpecifier(deps, record, input.beforeCommitSpecifier) : undefined;
  const beforePath = checkPath(input.beforePath ?? input.afterPath ?? '', { allowRoot: true });
  const afterPath = checkPath(input.afterPath ?? input.beforePath ?? '', { allowRoot: true });
  const [inBefore, inAfter] = await Promise.all([hasPath(record, before, beforePath), hasPath(record, after, afterPath)]);
  // A path that one side lacks was added or deleted there; only a path neither side has is unknown.
  if (!inBefore && !inAfter) throw new PathDoesNotExistException(`The specified path does not exist: ${afterPath || beforePath}`);
  const empty = emptyTreeId(after.length);
  let differences: TreeDifference[];
  if (beforePath === afterPath) {
    differences = await diffTrees(record.gitDir, before ?? empty, after, beforePath || undefined);
  } else {
    // A folder and its later name: their trees are compared, and each side's paths named from its own folder.
    const raw = await diffTrees(record.gitDir, inBefore ? treeish(before!, beforePath) : empty, inAfter ? treeish(after, afterPath) : empty);
    differences = raw.map((d) => prefixed(d, beforePath, afterPath));
  }
  const page = pageByOffset(differences, input.NextToken, pageSize, invalidContinuationToken);
  return {
    differences: page.items.map((d) => ({
      ...(d.before ? { beforeBlob: d.before } : {}),
      ...(d.after ? { afterBlob: d.after } : {}),
      changeType: d.changeType,
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
