import type { Iam, Principal } from '../../iam/index.js';
import { formatArn } from '../../shared/index.js';
import { str, type CallInput, type CallScope } from './call-scope.js';

/** The ARN of a user, group or role: its record's (with its path) when it exists, else `<type>/<name>`. */
function entityArn(iam: Iam, account: string, type: 'user' | 'group' | 'role', name: string): string {
  try {
    if (type === 'user') return iam.users.get(account, name).arn;
    if (type === 'group') return iam.users.group(account, name).arn;
    return iam.roles.get(account, name).arn;
  } catch {
    return formatArn({ service: 'iam', account, resource: `${type}/${name}` });
  }
}

/** The resources of an IAM call: the user, group, role or policy it names; the caller itself for a user call naming none. */
export function iamResources(iam: Iam, operation: string, input: CallInput, scope: CallScope, caller: Principal): string[] {
  const user = str(input, 'UserName');
  const group = str(input, 'GroupName');
  const role = str(input, 'RoleName');
  const policy = str(input, 'PolicyArn');
  // AddUserToGroup and RemoveUserFromGroup are authorised on the group.
  if (group) return [entityArn(iam, scope.account, 'group', group)];
  if (user) return [entityArn(iam, scope.account, 'user', user)];
  if (role) return [entityArn(iam, scope.account, 'role', role)];
  if (policy) return [policy];
  if (operation === 'CreatePolicy') return [formatArn({ service: 'iam', account: scope.account, resource: `policy${str(input, 'Path') ?? '/'}${str(input, 'PolicyName')}` })];
  if (/^(GetUser|CreateAccessKey|ListAccessKeys|DeleteAccessKey|UpdateAccessKey)$/.test(operation)) return [caller.arn];
  return ['*'];
}
