/**
 * The Manual approval action (Approval/AWS/Manual/1): waits for PutApprovalResult or the timeout.
 *
 * LIMITATIONS:
 * - The review request to NotificationArn is published by src/notifications when the approval starts waiting (after a
 *   restart, an approval that was already waiting is not announced again); a topic that does not exist is logged, and
 *   the approval waits all the same (AWS's behaviour then is not known).
 */
import { findActionType } from '../../model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../contract.js';

/** AWS's default approval timeout: 7 days, in minutes. */
export const DEFAULT_APPROVAL_TIMEOUT_MINUTES = 7 * 24 * 60;

/** Runs Manual approval actions. */
export const manualApprovalProvider: ActionProvider = {
  type: findActionType({ category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' })!,
  resumable: true,
  async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    const outcome = await ctx.awaitApproval(job.timeoutInMinutes ?? DEFAULT_APPROVAL_TIMEOUT_MINUTES);
    const details = { summary: outcome.summary, updatedBy: outcome.approvedBy };
    if (outcome.status === 'Approved') return details;
    throw new ActionFailure('JobFailed', outcome.summary || 'Rejected', false, details);
  },
};
