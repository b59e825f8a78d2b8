import type { RepositoryMetadata } from '@aws-sdk/client-codecommit';
import { toEpochSeconds } from '../../shared/index.js';
import type { HandlerOutput } from '../protocol/index.js';
import type { RepositoryRecord, Scope } from '../../store/index.js';
import type { CodeCommitDeps } from './deps.js';
import { currentDefaultBranch } from './default-branch.js';

/**
 * The URL `git clone` uses for a repository on this server: `<base>/v1/repos/<name>` in the default account and
 * region (CodeCommit's own path), `<base>/v1/repos/<account>/<region>/<name>` in any other.
 */
export function cloneUrlHttp(deps: Pick<CodeCommitDeps, 'baseUrl' | 'defaultScope'>, scope: Scope, name: string): string {
  const isDefault = scope.account === deps.defaultScope.account && scope.region === deps.defaultScope.region;
  return `${deps.baseUrl()}/v1/repos/${isDefault ? name : `${scope.account}/${scope.region}/${name}`}`;
}

/** Builds CodeCommit's RepositoryMetadata for a stored repository. */
export async function repositoryMetadata(deps: CodeCommitDeps, record: RepositoryRecord): Promise<HandlerOutput<RepositoryMetadata>> {
  const defaultBranch = await currentDefaultBranch(deps, record);
  return {
    accountId: record.account,
    repositoryId: record.repositoryId,
    repositoryName: record.name,
    ...(record.description !== undefined ? { repositoryDescription: record.description } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
    lastModifiedDate: toEpochSeconds(record.updatedMs),
    creationDate: toEpochSeconds(record.createdMs),
    cloneUrlHttp: cloneUrlHttp(deps, record, record.name),
    // SSH is not served; the URL is AWS's, so tools that read it get the shape they expect.
    cloneUrlSsh: `ssh://git-codecommit.${record.region}.amazonaws.com/v1/repos/${record.name}`,
    Arn: record.arn,
    ...(record.kmsKeyId ? { kmsKeyId: record.kmsKeyId } : {}),
  };
}
