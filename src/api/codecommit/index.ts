import { lazyAwsModel } from '../../model/index.js';
import { lazyHandlers, lazyServiceDefinition, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { codeCommitModel } from './model.js';
import { IMPLEMENTED_OPERATIONS, type ImplementedOperation } from './implemented.js';
import type { CodeCommitOperations } from './operations.js';

export type { CodeCommitDeps } from './deps.js';
export type { CodeCommitOperations } from './operations.js';
export { cloneUrlHttp, repositoryMetadata } from './metadata.js';
export { settleDefaultBranch, currentDefaultBranch } from './default-branch.js';
export { gitHttpRoutes, type GitHttpDeps } from './git-http-route.js';

/**
 * The CodeCommit service: its model (with CodeCommit's own checks in place of Coral's) and its operations, whose
 * handlers (a quarter of the server's code) are loaded by the first CodeCommit request.
 */
export function codeCommitService(deps: CodeCommitDeps): ServiceDefinition {
  return lazyServiceDefinition(
    lazyAwsModel('codecommit', codeCommitModel) as LazyModel,
    lazyHandlers<CodeCommitOperations, ImplementedOperation>(IMPLEMENTED_OPERATIONS, async () => (await import('./handlers.js')).codeCommitHandlers(deps)),
  );
}
