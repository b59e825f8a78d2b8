import { formatArn } from '../shared/index.js';

/** Who made a verified request: the account's root, an IAM user, or a role session from AssumeRole. */
export interface Principal {
  kind: 'root' | 'user' | 'assumed-role';
  account: string;
  /** The ARN AWS names the caller by (`...:root`, `...:user/<path><name>`, `arn:aws:sts::<acct>:assumed-role/<role>/<session>`). */
  arn: string;
  /** GetCallerIdentity's UserId: the account for root, the user id, or `<role id>:<session name>`. */
  userId: string;
  /** The user or role name; `root` for the root. */
  name: string;
  accessKeyId: string;
}

/** The account root's principal, for its own access key. */
export function rootPrincipal(account: string, accessKeyId: string): Principal {
  return { kind: 'root', account, arn: formatArn({ service: 'iam', account, resource: 'root' }), userId: account, name: 'root', accessKeyId };
}

/** A role session's ARN, as STS names it. */
export function assumedRoleArn(account: string, roleName: string, sessionName: string): string {
  return formatArn({ service: 'sts', account, resource: `assumed-role/${roleName}/${sessionName}` });
}
