import { callAws } from './aws.js';

const cc = <T>(operation: string, input: object = {}) => callAws<T>('codecommit', operation, input);

/** ListRepositories: every repository name (created through the API or registered with --repo), all pages. */
export async function listRepositories(): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cc<{ repositories?: { repositoryName: string }[]; nextToken?: string }>('ListRepositories', { sortBy: 'repositoryName', order: 'ascending', ...(nextToken ? { nextToken } : {}) });
    names.push(...(page.repositories ?? []).map((r) => r.repositoryName));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

/** ListBranches of a repository, all pages, and its default branch (GetRepository). */
export async function listBranches(repositoryName: string): Promise<{ branches: string[]; defaultBranch?: string }> {
  const branches: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cc<{ branches?: string[]; nextToken?: string }>('ListBranches', { repositoryName, ...(nextToken ? { nextToken } : {}) });
    branches.push(...(page.branches ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const repo = await cc<{ repositoryMetadata?: { defaultBranch?: string } }>('GetRepository', { repositoryName }).catch(() => undefined);
  return { branches: branches.sort(), defaultBranch: repo?.repositoryMetadata?.defaultBranch };
}
