import { randomBytes } from 'node:crypto';
import { formatArn } from '../shared/index.js';

/** What users, groups and roles share: the managed policies attached and the inline policies put on them. */
export interface PolicyHolder {
  path: string;
  arn: string;
  createdMs: number;
  /** ARNs of the managed policies attached, in attachment order. */
  attachedPolicies: string[];
  /** Inline policies by name: the document as given (URL-decoded JSON text). */
  inlinePolicies: Record<string, string>;
}

/** An IAM user. */
export interface UserRecord extends PolicyHolder {
  userName: string;
  userId: string;
  groups: string[];
  tags: { Key: string; Value: string }[];
}

/** An IAM group. */
export interface GroupRecord extends PolicyHolder {
  groupName: string;
  groupId: string;
}

/** An IAM role with its trust policy. */
export interface RoleRecord extends PolicyHolder {
  roleName: string;
  roleId: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: { Key: string; Value: string }[];
}

/** One version of a managed policy. */
export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createdMs: number;
}

/** A customer managed policy (AWS managed ones are built in, see aws-managed-policies.ts). */
export interface ManagedPolicyRecord {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  createdMs: number;
  updatedMs: number;
  defaultVersionId: string;
  /** Version numbers given so far, so a deleted version's number is never reused. */
  nextVersion: number;
  versions: PolicyVersionRecord[];
}

/** The holders of policies by the kind IAM's store keys them under. */
export type HolderKind = 'user' | 'group' | 'role';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A unique id in IAM's form: a four-letter prefix (`AIDA` users, `AGPA` groups, `AROA` roles, `ANPA` policies, `AKIA`/`ASIA` keys) and 16 or 17 more. */
export function iamId(prefix: string, length = 17): string {
  let out = prefix;
  for (const b of randomBytes(length)) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** A new secret access key: 40 characters of base64. */
export function newSecret(): string {
  return randomBytes(30).toString('base64');
}

/** An IAM ARN (`arn:aws:iam::<account>:<type><path><name>`). */
export function iamArn(account: string, type: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return formatArn({ service: 'iam', account, resource: `${type}${path}${name}` });
}

/** Checks a path as IAM does (`/` or `/a/b/`); the InvalidInput wording is the one of its validation. */
export function validPath(path: string | undefined): string {
  const value = path ?? '/';
  return /^\/(?:[\u0021-\u007E]*\/)?$/.test(value) && value.length <= 512 ? value : '';
}
