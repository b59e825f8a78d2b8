/**
 * The Manual approval action (Approval/AWS/Manual/1): waits for PutApprovalResult or the timeout.
 *
 * LIMITATIONS:
 * - NotificationArn is accepted but nothing is published (there is no SNS).
 * - ExternalEntityLink and CustomData are kept in the configuration only.
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
