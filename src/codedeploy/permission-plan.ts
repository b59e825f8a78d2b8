import { posix } from 'node:path';
import { AgentError } from './agent-error.js';
import { matchesExcept, matchesPattern, validateFileAcl, validateFilePermission, type AppSpecPermission } from './appspec-permissions.js';

/** One permission instruction, shaped as in the agent's install.json. */
export type PermissionInstruction =
  | { type: 'chmod'; mode: string; file: string }
  | { type: 'setfacl'; acl: string[]; file: string }
  | { type: 'semanage'; context: { name?: string; type: string; range?: string }; file: string }
  | { type: 'chown'; owner?: string; group?: string; file: string };

/**
 * Plans the `permissions` section as the agent's Installer does (codedeploy.md §1.5): only what this Install
 * copied or created is touched; a copied file object gets its permission directly, a folder object passes it to
 * the matching files and created folders below it. Per object: chmod, setfacl, semanage, then chown.
 */
export function planPermissions(
  permissions: readonly AppSpecPermission[],
  copied: readonly string[],
  created: readonly string[],
  isDirectory: (object: string) => boolean,
): PermissionInstruction[] {
  const instructions: PermissionInstruction[] = [];
  const done = new Set<string>();
  const apply = (object: string, permission: AppSpecPermission) => {
    if (done.has(object)) {
      throw new AgentError(
        `The deployment failed because the permissions setting for (${object}) is specified more than once in the application specification file. Update the files section of the AppSpec file, and then try again.`,
      );
    }
    done.add(object);
    instructions.push(...instructionsFor(object, permission));
  };
  const copiedSet = new Set(copied);
  const createdSet = new Set(created);
  for (const permission of permissions) {
    const object = posix.normalize(permission.object);
    if (copiedSet.has(object)) {
      if (!permission.type.includes('file')) continue;
      validateFilePermission(permission);
      validateFileAcl(permission);
      apply(object, permission);
    } else if (createdSet.has(object) || (object.startsWith('/') && isDirectory(object))) {
      matchesOf(permission, copied, created).forEach((match) => apply(match, permission));
    }
  }
  return instructions;
}

function matchesOf(permission: AppSpecPermission, copied: readonly string[], created: readonly string[]): string[] {
  const matches: string[] = [];
  const selects = (name: string) => matchesPattern(permission, name) && !matchesExcept(permission, name);
  if (permission.type.includes('file')) {
    for (const file of copied.filter(selects)) {
      validateFileAcl(permission);
      matches.push(file);
    }
  }
  if (permission.type.includes('directory')) matches.push(...created.filter(selects));
  return matches;
}

function instructionsFor(file: string, permission: AppSpecPermission): PermissionInstruction[] {
  const out: PermissionInstruction[] = [];
  if (permission.mode !== undefined) out.push({ type: 'chmod', mode: permission.mode, file });
  if (permission.acls !== undefined) out.push({ type: 'setfacl', acl: permission.acls, file });
  if (permission.context !== undefined) out.push({ type: 'semanage', context: permission.context, file });
  if (permission.owner !== undefined || permission.group !== undefined) {
    out.push({ type: 'chown', ...(permission.owner !== undefined ? { owner: permission.owner } : {}), ...(permission.group !== undefined ? { group: permission.group } : {}), file });
  }
  return out;
}
