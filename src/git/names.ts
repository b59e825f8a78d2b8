// The rules every name must pass before it reaches git or the file system. They are checked here, without
// spawning `git check-ref-format`, because they guard every request and must never depend on git's parsing.

const REPOSITORY_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const FORBIDDEN_IN_REF = /[\x00-\x20\x7f~^:?*[\\]/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Checks a CodeCommit repository name: letters, digits, `.`, `_` and `-`, 1 to 100 characters, not ending in `.git`.
 * Names made only of dots are refused too, as they would read as `.` or `..` in a URL path.
 */
export function isRepositoryName(name: string): boolean {
  return REPOSITORY_NAME.test(name) && !name.toLowerCase().endsWith('.git') && !/^\.+$/.test(name);
}

/** Git's check-ref-format rules for a short branch or tag name, whatever its length. */
function followsRefFormat(name: string): boolean {
  if (name.length === 0 || name === '@') return false;
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (FORBIDDEN_IN_REF.test(name) || name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

/**
 * Checks a branch name against git's check-ref-format rules (as `git check-ref-format --branch` applies them)
 * plus CodeCommit's: at most 256 characters, not a 40-digit hexadecimal string. A name that passes can
 * neither be read as an option (no leading `-`) nor leave `refs/heads/` (no `..`, no empty component).
 */
export function isBranchName(name: string): boolean {
  return name.length <= 256 && name !== 'HEAD' && !/^[0-9a-fA-F]{40}$/.test(name) && followsRefFormat(name);
}

/**
 * Tells whether a name is a valid branch or tag name by git's check-ref-format rules (at most 255 characters), so a
 * name from a pipeline's configuration can never reach git as an option or a revision expression.
 */
export function isValidRefName(name: string): boolean {
  return name.length <= 255 && followsRefFormat(name);
}

/** Checks a full git object id (SHA-1, or SHA-256 for repositories that use it), in lowercase. */
export function isObjectId(id: string): boolean {
  return OBJECT_ID.test(id);
}

/** Checks a 12-digit AWS account id. */
export function isAccountId(id: string): boolean {
  return ACCOUNT_ID.test(id);
}

/** Checks an AWS region name such as `us-east-1`. */
export function isRegionName(name: string): boolean {
  return REGION.test(name);
}
