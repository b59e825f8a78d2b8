import { parseArn } from '../../shared/index.js';

// Who counts towards an approval rule's statement, by CodeCommit's rules for ApprovalPoolMembers:
// - `CodeCommitApprovers:<account>:<name>` counts an IAM user (`user/<name>`, any path) or federated user
//   (`federated-user/<name>`) of that account whose name matches; any other identity of the account (an assumed
//   role's session `assumed-role/<role>/<session>`) only when the pattern matches its whole resource, so `*Mary` is
//   needed for a session named Mary.
// - A full ARN counts the identity it names; an IAM role's ARN counts every session of that role.
// `*` matches any run of characters, in either form.

const APPROVERS_PREFIX = 'CodeCommitApprovers:';

function globMatches(pattern: string, text: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(text);
}

/** The name an IAM or federated user goes by, or undefined for other identities (roots, role sessions). */
function userName(resource: string): string | undefined {
  const [type, ...rest] = resource.split('/');
  return (type === 'user' || type === 'federated-user') && rest.length > 0 ? rest[rest.length - 1] : undefined;
}

/** Whether the caller `callerArn` is one of an approval pool's members as written in an approval rule. */
export function isApprovalPoolMember(member: string, callerArn: string): boolean {
  const caller = parseArn(callerArn);
  if (!caller) return false;
  if (member.startsWith(APPROVERS_PREFIX)) {
    const [account, ...nameParts] = member.slice(APPROVERS_PREFIX.length).split(':');
    const pattern = nameParts.join(':');
    if (account !== caller.account || pattern === '') return false;
    const name = userName(caller.resource);
    return (name !== undefined && globMatches(pattern, name)) || globMatches(pattern, caller.resource);
  }
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(member);
  if (role) return globMatches(member, callerArn) || globMatches(`arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/*`, callerArn);
  return globMatches(member, callerArn);
}
