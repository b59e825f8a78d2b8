import { posix } from 'node:path';
import { AgentError, rubyText } from './agent-error.js';

/** One `permissions` entry of an appspec, validated as the agent validates it (codedeploy.md §1.3 rules 9-20, §1.5). */
export interface AppSpecPermission {
  object: string;
  /** `**` (every descendant) or a glob of immediate children where only `*` is special. */
  pattern: string;
  except: string[];
  type: ('file' | 'directory')[];
  owner?: string;
  group?: string;
  /** Octal digits, 3 or 4 of them. */
  mode?: string;
  /** ACL entries as `setfacl` takes them, e.g. `u:bob:rw`. */
  acls?: string[];
  /** An SELinux context (`name` is the SELinux user, as the agent reads it). */
  context?: { name?: string; type: string; range?: string };
}

const ACL_PROBLEM = 'The deployment failed because of a problem with the acls permission settings in the application specification file.';

function parseMode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let mode = String(value);
  while (mode.length < 3) mode = `0${mode}`;
  if (mode.length > 4) {
    throw new AgentError(
      `The deployment failed because the length of a permissions mode (${mode}) in the application specification file is invalid. Permissions modes must be between one and four characters long. Update the permissions section of the AppSpec file, and then try again.`,
    );
  }
  const bad = [...mode].find((c) => c < '0' || c > '7');
  if (bad !== undefined) {
    throw new AgentError(
      `The deployment failed because the permissions mode (${mode}) in the application specification file contains an invalid character (${bad}). Update the permissions section of the AppSpec file, and then try again.`,
    );
  }
  return mode;
}

/** Validates one ACL entry as the agent's AceInfo does; returns whether it is a default (`d:`) entry. */
function checkAce(ace: string): boolean {
  const invalid = () => new AgentError(`${ACL_PROBLEM} Invalid acl entry (${ace}).`);
  const parts = ace.split(':').reverse();
  if (parts.length < 2 || parts.length > 4) throw invalid();
  let isDefault = false;
  let type: string | undefined;
  if (parts.length === 4) {
    if (parts[3] !== 'd' && parts[3] !== 'default') throw invalid();
    isDefault = true;
  }
  if (parts.length >= 3) {
    const word = parts[2];
    if (word === 'd' || word === 'default') {
      if (isDefault) throw invalid();
      isDefault = true;
    } else if (['m', 'mask', 'o', 'other', 'g', 'group', 'u', 'user'].includes(word)) type = word[0];
    else throw invalid();
  }
  let name = '';
  if (parts[1] === 'm' || parts[1] === 'mask' || parts[1] === 'o' || parts[1] === 'other') {
    if (type === undefined) type = parts[1][0];
    else name = parts[1];
  } else {
    type ??= 'u';
    name = parts[1];
  }
  if ((type === 'm' || type === 'o') && name !== '') throw invalid();
  if (!isDefault && type !== 'm' && name === '') {
    throw new AgentError(`${ACL_PROBLEM} Use mode to set the base acl entry (${ace}). Update the permissions section of the AppSpec file, and then try again.`);
  }
  const perms = parts[0];
  if (!/^[0-7]$/.test(perms)) {
    const bad = [...perms].find((c) => !'rwx-'.includes(c));
    if (bad !== undefined) {
      throw new AgentError(
        `The deployment failed because the access control list (ACL) named ${ace} in the application specification file contains an invalid character (${bad}). Correct the ACL in the hooks section of the AppSpec file, and then try again.`,
      );
    }
  }
  return isDefault;
}

function parseTypes(value: unknown): ('file' | 'directory')[] {
  if (value === undefined || value === null) return ['file', 'directory'];
  const list = Array.isArray(value) ? value : [value];
  for (const type of list) {
    if (type !== 'file' && type !== 'directory') {
      throw new AgentError(
        `The deployment failed because the application specification filespecifies a permission for an object type not supported for permissions (${rubyText(type)}). Update the permissions section of the AppSpec file, and then try again.`,
      );
    }
  }
  return list as ('file' | 'directory')[];
}

function parseContext(value: unknown): AppSpecPermission['context'] {
  if (value === undefined || value === null) return undefined;
  const context = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (context.type === undefined || context.type === null) {
    throw new AgentError(
      `The deployment failed because the application specification file specifies an invalid context type (${rubyText(value)}). Update the permissions section of the AppSpec file, and then try again.`,
    );
  }
  return {
    type: String(context.type),
    ...(context.name !== undefined && context.name !== null ? { name: String(context.name) } : {}),
    ...(context.range !== undefined && context.range !== null ? { range: String(context.range) } : {}),
  };
}

/** Parses one `permissions` entry; throws the agent's message for an invalid one. */
export function parsePermission(entry: Record<string, unknown>): AppSpecPermission {
  const object = entry.object === undefined || entry.object === null ? '' : String(entry.object).trim();
  if (object === '') {
    throw new AgentError('The deployment failed because a permission listed in the application specification file has no object value. Update the permissions section of the AppSpec file, and then try again.');
  }
  const acls = entry.acls === undefined || entry.acls === null ? undefined : (Array.isArray(entry.acls) ? entry.acls : [entry.acls]).map(String);
  acls?.forEach(checkAce);
  const permission: AppSpecPermission = {
    object,
    pattern: entry.pattern === undefined || entry.pattern === null ? '**' : String(entry.pattern),
    except: (Array.isArray(entry.except) ? entry.except : entry.except === undefined || entry.except === null ? [] : [entry.except]).map(String),
    type: parseTypes(entry.type),
  };
  if (entry.owner !== undefined && entry.owner !== null) permission.owner = String(entry.owner);
  if (entry.group !== undefined && entry.group !== null) permission.group = String(entry.group);
  const mode = parseMode(entry.mode);
  if (mode !== undefined) permission.mode = mode;
  if (acls) permission.acls = acls;
  const context = parseContext(entry.context);
  if (context) permission.context = context;
  return permission;
}

/** Checks a permission applied to a file being copied: only the `**` pattern and no `except` (rules 18, 19). */
export function validateFilePermission(permission: AppSpecPermission): void {
  if (!permission.type.includes('file')) return;
  if (permission.pattern !== '**') {
    throw new AgentError(
      `The deployment failed because the application specification file includes an object (${permission.object}) with an invalid pattern (${permission.pattern}), such as a pattern for a file applied to a directory. Correct the permissions section of the AppSpec file, and then try again.`,
    );
  }
  if (permission.except.length > 0) {
    throw new AgentError(
      `The deployment failed because the except parameter for a pattern in the permissions section (${JSON.stringify(permission.except)}) for the object named ${permission.object} contains an invalid format. Update the AppSpec file, and then try again.`,
    );
  }
}

/** Refuses a default ACL (`d:`) on a file (rule 20). */
export function validateFileAcl(permission: AppSpecPermission): void {
  if (permission.acls?.some((ace) => checkAce(ace))) {
    throw new AgentError('The deployment failed because the -d parameter has been specified to apply an acl setting to a file. This parameter is supported for directories only. Update the AppSpec file, and then try again.');
  }
}

/** The agent's simple glob: `*` matches any run of characters; a name with a `/` never matches. */
function matchesSimpleGlob(name: string, pattern: string): boolean {
  if (name.includes('/')) return false;
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 's').test(name);
}

function relativeUnder(object: string, name: string): string | undefined {
  const base = posix.normalize(object).replace(/\/?$/, '/');
  const trimmed = name.replace(/\/+$/, '');
  return trimmed.startsWith(base) ? trimmed.slice(base.length) : undefined;
}

/** Whether an installed path lies under the permission's object and matches its pattern (LinuxPermissionInfo#matches_pattern?). */
export function matchesPattern(permission: AppSpecPermission, name: string): boolean {
  const rel = relativeUnder(permission.object, name);
  if (rel === undefined) return false;
  return permission.pattern === '**' || matchesSimpleGlob(rel, permission.pattern);
}

/** Whether an installed path is excluded by the permission's `except` globs. */
export function matchesExcept(permission: AppSpecPermission, name: string): boolean {
  const rel = relativeUnder(permission.object, name);
  return rel !== undefined && permission.except.some((glob) => matchesSimpleGlob(rel, glob));
}
