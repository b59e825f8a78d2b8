import type { ApprovalRule, PullRequest } from '../../api/codecommit-types.js';
import type { ApprovalStatus } from '../../api/pull-requests.js';
import { principalName } from '../../lib/arns.js';

/** What an approval rule asks for, read from its JSON content (CodeCommit's 2018-11-08 rule language). */
export function ruleSummary(rule: ApprovalRule): string {
  try {
    const content = JSON.parse(rule.approvalRuleContent ?? '{}') as {
      DestinationReferences?: string[];
      Statements?: { NumberOfApprovalsNeeded?: number; ApprovalPoolMembers?: string[] }[];
    };
    const parts = (content.Statements ?? []).map((s) => {
      const n = s.NumberOfApprovalsNeeded ?? 1;
      const pool = s.ApprovalPoolMembers?.length ? ` from ${s.ApprovalPoolMembers.join(', ')}` : '';
      return `${n} approval${n === 1 ? '' : 's'}${pool}`;
    });
    const branches = content.DestinationReferences?.length ? ` for ${content.DestinationReferences.join(', ')}` : '';
    return parts.length ? `${parts.join('; ')}${branches}` : 'No statements';
  } catch {
    return 'Content that is not JSON';
  }
}

function RuleState({ name, status }: { name?: string; status: ApprovalStatus }) {
  const e = status.evaluation;
  if (!e || !name) return <span class="muted">–</span>;
  if (e.approvalRulesSatisfied?.includes(name)) return <span class="status status-success">✓ Approved</span>;
  if (e.approvalRulesNotSatisfied?.includes(name)) return <span class="status status-idle">○ Awaiting approvals</span>;
  return <span class="muted">–</span>;
}

function Overall({ status, rules }: { status: ApprovalStatus; rules: ApprovalRule[] }) {
  if (status.override?.overridden) return <div class="alert alert-warning">Approval rules overridden by {principalName(status.override.overrider)}.</div>;
  if (!status.evaluation || !rules.length) return null;
  return status.evaluation.approved ? (
    <div class="alert alert-success" data-testid="approval-overall">All approval rules are satisfied.</div>
  ) : (
    <div class="alert alert-info" data-testid="approval-overall">Not all approval rules are satisfied yet.</div>
  );
}

/** A pull request's approval rules, whether its current revision meets them, and who approved it. */
export function ApprovalPanel({ pullRequest, status }: { pullRequest: PullRequest; status?: ApprovalStatus }) {
  const rules = pullRequest.approvalRules ?? [];
  const approvals = (status?.approvals ?? []).filter((a) => a.approvalState === 'APPROVE');
  return (
    <div data-testid="approvals">
      {status && <Overall status={status} rules={rules} />}
      {rules.length ? (
        <table class="table" data-testid="approval-rules">
          <thead>
            <tr>
              <th>Approval rule</th>
              <th>Requires</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.approvalRuleId ?? r.approvalRuleName}>
                <td>
                  {r.approvalRuleName}
                  {r.originApprovalRuleTemplate?.approvalRuleTemplateName && <div class="muted small">from template {r.originApprovalRuleTemplate.approvalRuleTemplateName}</div>}
                </td>
                <td>{ruleSummary(r)}</td>
                <td>{status && <RuleState name={r.approvalRuleName} status={status} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">This pull request has no approval rules.</p>
      )}
      {status?.unavailable ? (
        <p class="muted small">This emulator does not answer the approval state operations (GetPullRequestApprovalStates) yet.</p>
      ) : (
        <p data-testid="approved-by">
          {approvals.length ? (
            <>Approved by {approvals.map((a) => principalName(a.userArn)).join(', ')}.</>
          ) : (
            <span class="muted">No approvals for this revision yet.</span>
          )}
        </p>
      )}
    </div>
  );
}
