import type { Commit, Difference, FileAtCommit, Folder, RepositoryMetadata } from './codecommit-types.js';
import { allPages, callAws } from './aws.js';

/** Calls one CodeCommit operation. */
export const cc = <T>(operation: string, input: object = {}, signal?: AbortSignal) => callAws<T>('codecommit', operation, input, signal);

/** ListRepositories: every repository name (created through the API or registered with --repo), all pages. */
export async function listRepositories(signal?: AbortSignal): Promise<string[]> {
  const repositories = await allPages<{ repositoryName: string }>('codecommit', 'ListRepositories', { sortBy: 'repositoryName', order: 'ascending' }, 'repositories', { signal });
  return repositories.map((r) => r.repositoryName);
}

/** BatchGetRepositories: the metadata of up to 25 repositories at once. */
export async function batchGetRepositories(repositoryNames: string[], signal?: AbortSignal): Promise<RepositoryMetadata[]> {
  const out = await cc<{ repositories?: RepositoryMetadata[] }>('BatchGetRepositories', { repositoryNames }, signal);
  return out.repositories ?? [];
}

/** GetRepository: a repository's metadata (default branch, clone URL, description). */
export async function getRepository(repositoryName: string, signal?: AbortSignal): Promise<RepositoryMetadata> {
  const out = await cc<{ repositoryMetadata?: RepositoryMetadata }>('GetRepository', { repositoryName }, signal);
  return out.repositoryMetadata ?? {};
}

/** ListBranches of a repository, all pages, and its default branch (GetRepository). */
export async function listBranches(repositoryName: string, signal?: AbortSignal): Promise<{ branches: string[]; defaultBranch?: string }> {
  const [branches, repo] = await Promise.all([
    allPages<string>('codecommit', 'ListBranches', { repositoryName }, 'branches', { signal }),
    getRepository(repositoryName, signal).catch(() => undefined),
  ]);
  return { branches: branches.sort(), defaultBranch: repo?.defaultBranch };
}

/** GetFolder: what a folder holds at a commit, branch or tag (`''` or `/` is the root). */
export function getFolder(repositoryName: string, commitSpecifier: string, folderPath: string, signal?: AbortSignal): Promise<Folder> {
  return cc<Folder>('GetFolder', { repositoryName, commitSpecifier, folderPath: folderPath || '/' }, signal);
}

/** GetFile: a file's content at a commit, branch or tag. */
export function getFile(repositoryName: string, commitSpecifier: string, filePath: string, signal?: AbortSignal): Promise<FileAtCommit> {
  return cc<FileAtCommit>('GetFile', { repositoryName, commitSpecifier, filePath }, signal);
}

/** GetBlob: a blob's content, base64. */
export async function getBlob(repositoryName: string, blobId: string, signal?: AbortSignal): Promise<string> {
  return (await cc<{ content?: string }>('GetBlob', { repositoryName, blobId }, signal)).content ?? '';
}

/** GetCommit: one commit. */
export async function getCommit(repositoryName: string, commitId: string, signal?: AbortSignal): Promise<Commit> {
  return (await cc<{ commit?: Commit }>('GetCommit', { repositoryName, commitId }, signal)).commit ?? { commitId };
}

/** BatchGetCommits: up to 100 commits at once; ids that name no commit are left out. */
export async function batchGetCommits(repositoryName: string, commitIds: string[], signal?: AbortSignal): Promise<Commit[]> {
  return (await cc<{ commits?: Commit[] }>('BatchGetCommits', { repositoryName, commitIds }, signal)).commits ?? [];
}

/** GetBranch: the commit a branch points at. */
export async function branchHead(repositoryName: string, branchName: string, signal?: AbortSignal): Promise<string | undefined> {
  return (await cc<{ branch?: { commitId?: string } }>('GetBranch', { repositoryName, branchName }, signal)).branch?.commitId;
}

/** GetDifferences, every page: the files changed from one commit to another (from nothing when `before` is absent). */
export async function getDifferences(repositoryName: string, before: string | undefined, after: string, signal?: AbortSignal): Promise<Difference[]> {
  const all: Difference[] = [];
  let NextToken: string | undefined;
  do {
    // This operation spells its paging members with capitals.
    const page = await cc<{ differences?: Difference[]; NextToken?: string }>(
      'GetDifferences',
      { repositoryName, afterCommitSpecifier: after, ...(before ? { beforeCommitSpecifier: before } : {}), ...(NextToken ? { NextToken } : {}) },
      signal,
    );
    all.push(...(page.differences ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}
