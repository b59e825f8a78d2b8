import { bareRepositoryPath, initBareRepository, removeBareRepository } from '../../git/index.js';
import { repositoryArn, type RepositoryRecord } from '../../store/index.js';
import type {
  CreateRepositoryInput,
  CreateRepositoryOutput,
  DeleteRepositoryInput,
  DeleteRepositoryOutput,
  GetRepositoryInput,
  GetRepositoryOutput,
  ListRepositoriesInput,
  ListRepositoriesOutput,
  UpdateRepositoryDescriptionInput,
} from '@aws-sdk/client-codecommit';
import { pageByOffset, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitInput } from './operations.js';
import { InvalidContinuationTokenException, InvalidOrderException, InvalidSortByException, RepositoryNameExistsException, TooManyTagsException } from './errors.js';
import { repositoryMetadata } from './metadata.js';
import { checkKmsKeyId } from './repository-encryption.js';
import { MAX_TAGS } from './tags.js';
import { checkDescription, findRepository, requireRepositoryName, scopeOf } from './validate.js';

const REPOSITORIES_PAGE_SIZE = 1000;

/**
 * CreateRepository: an empty bare repository under the data directory; its default branch is set by the first push.
 * A KMS key given is recorded and answered in its metadata.
 */
export async function createRepository(deps: CodeCommitDeps, input: CodeCommitInput<CreateRepositoryInput>, ctx: RequestContext): Promise<HandlerOutput<CreateRepositoryOutput>> {
  const name = requireRepositoryName(input.repositoryName);
  const description = checkDescription(input.repositoryDescription);
  const tags = Object.entries(input.tags ?? {}).map(([key, value]) => ({ key, value }));
  if (tags.length > MAX_TAGS) throw new TooManyTagsException(`The maximum number of tags for a repository is ${MAX_TAGS}.`);
  const kmsKeyId = input.kmsKeyId === undefined || input.kmsKeyId === '' ? undefined : checkKmsKeyId(input.kmsKeyId);
  const scope = scopeOf(ctx);
  const gitDir = bareRepositoryPath(deps.gitRoot, scope.account, scope.region, name);
  const repositoryId = deps.ids.uuid();
  // The row claims the name first, so two concurrent creates cannot both initialise the folder.
  if (!deps.repositories.create(scope, { name, repositoryId, description, gitDir }, deps.clock.now())) {
    throw new RepositoryNameExistsException(`Repository named ${name} already exists`);
  }
  try {
    await initBareRepository(gitDir);
  } catch (error) {
    deps.repositories.delete(scope, name);
    throw error;
  }
  if (tags.length) deps.tags.put(repositoryArn(scope, name), tags, MAX_TAGS);
  if (kmsKeyId) deps.repositories.setKmsKeyId(scope, name, kmsKeyId, deps.clock.now());
  return { repositoryMetadata: await repositoryMetadata(deps, deps.repositories.get(scope, name)!) };
}

/** GetRepository. */
export async function getRepository(deps: CodeCommitDeps, input: CodeCommitInput<GetRepositoryInput>, ctx: RequestContext): Promise<HandlerOutput<GetRepositoryOutput>> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  return { repositoryMetadata: await repositoryMetadata(deps, record) };
}

function sorter(sortBy: string, order: string): (a: RepositoryRecord, b: RepositoryRecord) => number {
  const direction = order === 'descending' ? -1 : 1;
  const byName = (a: RepositoryRecord, b: RepositoryRecord) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (sortBy === 'lastModifiedDate') return (a, b) => direction * (a.updatedMs - b.updatedMs || byName(a, b));
  return (a, b) => direction * byName(a, b);
}

/** ListRepositories: names and ids, sorted by name (default) or last modification, 1000 to a page. */
export function listRepositories(deps: CodeCommitDeps, input: CodeCommitInput<ListRepositoriesInput>, ctx: RequestContext): HandlerOutput<ListRepositoriesOutput> {
  // Typed as any text: CodeCommit's model is given to the dispatcher without these enums, which are checked here.
  const sortBy: string = input.sortBy ?? 'repositoryName';
  const order: string = input.order ?? 'ascending';
  if (sortBy !== 'repositoryName' && sortBy !== 'lastModifiedDate') throw new InvalidSortByException('The specified sort by value is not valid.');
  if (order !== 'ascending' && order !== 'descending') throw new InvalidOrderException('The specified sort order is not valid.');
  const all = deps.repositories.list(scopeOf(ctx)).sort(sorter(sortBy, order));
  const page = pageByOffset(all, input.nextToken, REPOSITORIES_PAGE_SIZE, () => new InvalidContinuationTokenException('The specified continuation token is not valid.'));
  return {
    repositories: page.items.map((r) => ({ repositoryName: r.name, repositoryId: r.repositoryId })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/**
 * DeleteRepository: returns the deleted repository's id, or an empty result when there was none, as AWS does.
 * A registered checkout is only unregistered: the user's files are never touched.
 */
export async function deleteRepository(deps: CodeCommitDeps, input: CodeCommitInput<DeleteRepositoryInput>, ctx: RequestContext): Promise<HandlerOutput<DeleteRepositoryOutput>> {
  const name = requireRepositoryName(input.repositoryName);
  const deleted = deps.repositories.delete(scopeOf(ctx), name);
  if (!deleted) return {};
  deps.tags.removeAll(deleted.arn);
  if (!deleted.registered) await removeBareRepository(deleted.gitDir);
  deps.log.info({ repositoryName: name, registered: deleted.registered }, deleted.registered ? 'unregistered repository' : 'deleted repository');
  return { repositoryId: deleted.repositoryId };
}

/** UpdateRepositoryDescription: sets the description, or clears it when none is given. */
export function updateRepositoryDescription(deps: CodeCommitDeps, input: CodeCommitInput<UpdateRepositoryDescriptionInput>, ctx: RequestContext): NoOutput {
  const name = requireRepositoryName(input.repositoryName);
  const description = checkDescription(input.repositoryDescription);
  findRepository(deps, ctx, name);
  deps.repositories.updateDescription(scopeOf(ctx), name, description, deps.clock.now());
  return {};
}
