import { allPages, callAws } from './aws.js';

const cc = <T>(operation: string, input: object = {}) => callAws<T>('codecommit', operation, input);

/** ListRepositories: every repository name (created through the API or registered with --repo), all pages. */
export async function listRepositories(): Promise<string[]> {
  const repositories = await allPages<{ repositoryName: string }>('codecommit', 'ListRepositories', { sortBy: 'repositoryName', order: 'ascending' }, 'repositories');
  return repositories.map((r) => r.repositoryName);
}

/** ListBranches of a repository, all pages, and its default branch (GetRepository). */
export async function listBranches(repositoryName: string): Promise<{ branches: string[]; defaultBranch?: string }> {
  const branches = await allPages<string>('codecommit', 'ListBranches', { repositoryName }, 'branches');
  const repo = await cc<{ repositoryMetadata?: { defaultBranch?: string } }>('GetRepository', { repositoryName }).catch(() => undefined);
  return { branches: branches.sort(), defaultBranch: repo?.repositoryMetadata?.defaultBranch };
}
