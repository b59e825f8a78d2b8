import type { Evaluation } from '@aws-sdk/client-codecommit';
import type { HandlerOutput } from '../protocol/index.js';
import { isApprovalPoolMember } from './approval-pool.js';
import { parseApprovalRuleContent } from './approval-rule-content.js';
import type { PullRequestDoc } from './pull-request-types.js';

/** The users who approve a pull request's current revision. */
export function currentApprovers(doc: PullRequestDoc): string[] {
  return (doc.approvals ?? []).filter((a) => a.revisionId === doc.revisionId && a.approvalState === 'APPROVE').map((a) => a.userArn);
}

/** Whether approval rule content is met by these approvers: each statement by enough of its pool (anyone when it names none). */
function ruleSatisfied(content: string, approvers: string[]): boolean {
  const rule = parseApprovalRuleContent(content);
  if (!rule) return false;
  return rule.Statements.every((statement) => {
    const pool = statement.ApprovalPoolMembers;
    const counted = approvers.filter((user) => pool === undefined || pool.some((member) => isApprovalPoolMember(member, user)));
    return counted.length >= statement.NumberOfApprovalsNeeded;
  });
}

/**
 * Evaluates a pull request's approval rules against the approvals of its current revision: it is approved when every
 * rule is satisfied (so one without rules is), or when its rules have been overridden.
 */
export function evaluateApprovalRules(doc: PullRequestDoc): HandlerOutput<Evaluation> {
  const approvers = currentApprovers(doc);
  const rules = doc.approvalRules ?? [];
  const satisfied = rules.filter((r) => ruleSatisfied(r.approvalRuleContent, approvers)).map((r) => r.approvalRuleName);
  const notSatisfied = rules.map((r) => r.approvalRuleName).filter((name) => !satisfied.includes(name));
  const overridden = doc.overrider !== undefined;
  return { approved: overridden || notSatisfied.length === 0, overridden, approvalRulesSatisfied: satisfied, approvalRulesNotSatisfied: notSatisfied };
}
