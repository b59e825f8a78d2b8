import { readHeadBranch, resolveBranch, resolveCommitName } from '../../git/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { pageByOffset } from '../protocol/index.js';
import { currentDefaultBranch } from './default-branch.js';
import type { CodeCommitDeps } from './deps.js';
import { CommitDoesNotExistException, InvalidBranchNameException, InvalidContinuationTokenException } from './errors.js';
import { InvalidCommitException, InvalidFileModeException, InvalidMaxResultsException, InvalidPathException, PathRequiredException } from './file-errors.js';

/** CodeCommit's file modes and the git modes they stand for. */
export const GIT_MODE_OF = { NORMAL: '100644', EXECUTABLE: '100755', SYMLINK: '120000' } as const;
/** A CodeCommit file mode (FileModeTypeEnum). */
export type FileMode = keyof typeof GIT_MODE_OF;

/** The CodeCommit file mode of a git mode (a blob's); undefined for folders and submodules. */
export function fileModeOf(gitMode: string): FileMode | undefined {
  return (Object.keys(GIT_MODE_OF) as FileMode[]).find((m) => GIT_MODE_OF[m] === gitMode);
}

/** Checks a file mode is one of CodeCommit's three. */
export function checkFileMode(mode: string): FileMode {
  if (!(mode in GIT_MODE_OF)) throw new InvalidFileModeException();
  return mode as FileMode;
}

/**
 * Checks a file or folder path and returns it as git names it: relative to the root, without leading or trailing
 * slashes. `.`, `..`, empty components, `.git` and control characters are refused, so no path leaves the tree.
 * The root itself (`/` or ``) is allowed only where `allowRoot` says so (GetFolder, GetDifferences).
 */
export function checkPath(path: string | undefined, options: { allowRoot?: boolean; required?: () => Error } = {}): string {
  if (path === undefined || (path === '' && !options.allowRoot)) throw options.required?.() ?? new PathRequiredException('The filePath for a location cannot be empty or null.');
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') {
    if (options.allowRoot) return '';
    throw new InvalidPathException();
  }
  // eslint-disable-next-line no-control-regex
  const badPart = (part: string) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git' || /[\x00-\x1f\x7f]/.test(part);
  if (trimmed.split('/').some(badPart) || Buffer.byteLength(trimmed) > 4096) throw new InvalidPathException();
  return trimmed;
}

/** A file path in its checked form, or undefined when it could name no file (for operations whose model lists no path errors). */
export function pathOrNothing(path: string | undefined): string | undefined {
  try {
    return checkPath(path);
  } catch {
    return undefined;
  }
}

/**
 * The commit a commit specifier names (a commit id, a branch or tag, or a full ref); without one, the head of the
 * repository's default branch, as CodeCommit reads files "at the head commit" when none is given.
 */
export async function resolveSpecifier(deps: CodeCommitDeps, record: RepositoryRecord, specifier: string | undefined): Promise<string> {
  if (specifier === undefined || specifier === '') {
    const branch = await currentDefaultBranch(deps, record);
    const head = branch && (await resolveBranch(record.gitDir, branch));
    if (!head) throw new CommitDoesNotExistException('The specified commit does not exist or no commit was specified, and the specified repository has no default branch.');
    return head;
  }
  const found = await resolveCommitName(record.gitDir, specifier);
  if ('invalid' in found) throw new InvalidCommitException(`The specified commit is not valid: ${specifier}`);
  if ('missing' in found) throw new CommitDoesNotExistException(`The specified commit does not exist: ${specifier}`);
  return found.commitId;
}

/** Checks a page size (a positive whole number when given), with the operation's own exception for a bad one. */
export function checkMaxResults(value: number | undefined, fallback: number, invalid: () => Error = () => new InvalidMaxResultsException()): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw invalid();
  return value;
}

/** The error for a continuation token this server did not give. */
export function invalidContinuationToken(): Error {
  return new InvalidContinuationTokenException('The specified continuation token is not valid.');
}

/**
 * Refuses to move the branch checked out in a registered checkout's working tree, as git refuses a push to it
 * (receive.denyCurrentBranch): the user's files would no longer match their branch.
 */
export async function checkBranchWritable(record: RepositoryRecord, branchName: string): Promise<void> {
  if (record.workTree && (await readHeadBranch(record.gitDir)) === branchName) {
    throw new InvalidBranchNameException(`${branchName} is checked out in ${record.name}'s working tree, so only git there may move it; commit there, or to another branch.`);
  }
}

/** One page of a list for an operation's `maxResults` and `nextToken`, with `nextToken` only when more follow. */
export function pageOf<T>(all: T[], input: { maxResults?: number; nextToken?: string }, pageSize: number): { items: T[]; nextToken?: string } {
  const page = pageByOffset(all, input.nextToken, checkMaxResults(input.maxResults, pageSize), invalidContinuationToken);
  return { items: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
