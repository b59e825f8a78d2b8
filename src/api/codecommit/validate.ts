import { isBranchName, isObjectId, isRepositoryName } from '../../git/index.js';
import type { RepositoryRecord, Scope } from '../../store/index.js';
import type { RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import {
  BranchNameRequiredException,
  CommitIdRequiredException,
  InvalidBranchNameException,
  InvalidCommitIdException,
  InvalidRepositoryDescriptionException,
  InvalidRepositoryNameException,
  RepositoryDoesNotExistException,
  RepositoryNameRequiredException,
} from './errors.js';

// Messages are CodeCommit's own where a source shows them (moto copies AWS's), and the API reference's otherwise.

/** The account and region a request acts in. */
export function scopeOf(ctx: RequestContext): Scope {
  return { account: ctx.account, region: ctx.region };
}

/** Checks a repository name is given and valid, with CodeCommit's exceptions. */
export function requireRepositoryName(name: string | undefined): string {
  if (name === undefined || name === '') throw new RepositoryNameRequiredException('A repository name is required, but was not specified.');
  if (!isRepositoryName(name)) throw invalidRepositoryName();
  return name;
}

/** CodeCommit's InvalidRepositoryNameException, with its documented message. */
export function invalidRepositoryName(): Error {
  return new InvalidRepositoryNameException(
    'The repository name is not valid. Repository names can be any valid combination of letters, numbers, periods, underscores, and dashes between 1 and 100 characters in length. Names are case sensitive. For more information, see Limits in the AWS CodeCommit User Guide. ',
  );
}

/** Finds an existing repository by a name that has been checked. */
export function findRepository(deps: CodeCommitDeps, ctx: RequestContext, name: string): RepositoryRecord {
  const record = deps.repositories.get(scopeOf(ctx), name);
  if (!record) throw new RepositoryDoesNotExistException(`${name} does not exist`);
  return record;
}

/** Checks a branch name is given and is a name git and CodeCommit accept. */
export function requireBranchName(name: string | undefined): string {
  if (name === undefined || name === '') throw new BranchNameRequiredException('A branch name is required, but was not specified.');
  if (!isBranchName(name)) throw new InvalidBranchNameException('The specified reference name is not valid.');
  return name;
}

/** Checks a commit id is given. */
export function requireCommitId(id: string | undefined): string {
  if (id === undefined || id === '') throw new CommitIdRequiredException('A commit ID was not specified.');
  return id;
}

/** Checks a commit id is a full object id; anything else (short ids, revisions, options) never reaches git. */
export function checkCommitIdFormat(id: string): string {
  if (!isObjectId(id)) throw new InvalidCommitIdException('The specified commit ID is not valid.');
  return id;
}

/** Checks a repository description fits CodeCommit's 1000 characters. */
export function checkDescription(description: string | undefined): string | undefined {
  if (description !== undefined && description.length > 1000) {
    throw new InvalidRepositoryDescriptionException('The specified repository description is not valid.');
  }
  return description;
}
