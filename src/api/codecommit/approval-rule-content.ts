import { createHash } from 'node:crypto';
import { isValidRefName } from '../../git/index.js';

// CodeCommit's approval rule language (version 2018-11-08): which destination branches a rule covers, and
// statements of type Approvers, each with the number of approvals needed and who may give them.

/** The one version of the approval rule language. */
export const APPROVAL_RULE_VERSION = '2018-11-08';
const MAX_CONTENT = 3000;

/** An approval rule as written: its destination branches (all when absent) and its statements. */
export interface ApprovalRuleContent {
  Version: string;
  DestinationReferences?: string[];
  Statements: { Type: 'Approvers'; NumberOfApprovalsNeeded: number; ApprovalPoolMembers?: string[] }[];
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '');

/** Parses approval rule content, or returns undefined when it is not valid in CodeCommit's language. */
export function parseApprovalRuleContent(text: string): ApprovalRuleContent | undefined {
  if (text.length > MAX_CONTENT) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const rule = value as Record<string, unknown>;
  if (rule.Version !== APPROVAL_RULE_VERSION) return undefined;
  const destinations = rule.DestinationReferences;
  if (destinations !== undefined && !(isStringList(destinations) && destinations.every((d) => d.startsWith('refs/heads/') && isValidRefName(d)))) return undefined;
  const statements = rule.Statements;
  if (!Array.isArray(statements) || statements.length === 0) return undefined;
  const valid = statements.every((s: Record<string, unknown>) => {
    if (!s || typeof s !== 'object' || s.Type !== 'Approvers') return false;
    const needed = s.NumberOfApprovalsNeeded;
    if (typeof needed !== 'number' || !Number.isInteger(needed) || needed < 1) return false;
    return s.ApprovalPoolMembers === undefined || isStringList(s.ApprovalPoolMembers);
  });
  return valid ? (rule as unknown as ApprovalRuleContent) : undefined;
}

/** The SHA-256 of approval rule content, as CodeCommit gives it in `ruleContentSha256`. */
export function ruleContentSha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
