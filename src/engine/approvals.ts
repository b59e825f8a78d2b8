import type { ActionExecutionRecord } from '../model/index.js';
import { ActionFailure, type ApprovalOutcome } from '../providers/contract.js';
import type { EngineCore } from './engine-core.js';
import { EngineError } from './engine-error.js';

interface Pending {
  resolve(outcome: ApprovalOutcome): void;
  reject(failure: ActionFailure): void;
  cancelTimer(): void;
}

/** Manual approvals waiting for PutApprovalResult: their tokens, promises and timeouts. */
export class Approvals {
  private readonly pending = new Map<string, Pending>();
  // Answered just now: the record says so only once the action has moved, a moment later.
  private readonly answered = new Set<string>();

  constructor(private readonly core: EngineCore) {}

  /**
   * Issues a token for an approval action (or finds its token again after a restart) and waits for the answer.
   * `onRecord` receives the record with its token, so the caller keeps the latest copy.
   */
  wait(record: ActionExecutionRecord, timeoutMinutes: number, onRecord: (r: ActionExecutionRecord) => void, signal: AbortSignal): Promise<ApprovalOutcome> {
    let current = record;
    if (!current.token) {
      current = this.core.recorder.requestApproval(current, this.core.ids.uuid(), this.core.clock.now() + timeoutMinutes * 60_000);
      onRecord(current);
    }
    return new Promise<ApprovalOutcome>((resolve, reject) => {
      const cancelTimer = this.core.timers.setTimer(current.tokenExpiresMs!, () => {
        this.pending.delete(current.id);
        reject(new ActionFailure('JobFailed', `The approval request expired: no response within ${timeoutMinutes} minutes`, true));
      });
      this.pending.set(current.id, { resolve, reject, cancelTimer });
      signal.addEventListener('abort', () => {
        this.settle(current.id);
        reject(new ActionFailure('JobFailed', 'The approval stopped waiting: the action was abandoned', true));
      });
    });
  }

  /** Answers an approval by its token; throws AWS's refusals for a wrong or already-used token. */
  answer(where: { stageName: string; actionName: string; pipelineName: string; account: string; region: string }, token: string, outcome: ApprovalOutcome): number {
    const record = this.core.actions.byToken(token);
    const matches =
      record && record.pipelineName === where.pipelineName && record.account === where.account && record.region === where.region && record.stageName === where.stageName && record.actionName === where.actionName;
    if (!matches) throw new EngineError('InvalidApprovalToken', `The approval token '${token}' is not valid for action '${where.actionName}' in stage '${where.stageName}'`); // wording inferred
    const pending = this.pending.get(record.id);
    if (!pending || record.status !== 'InProgress') {
      // Only an answered approval records who answered it; an expired or abandoned one's token is simply invalid.
      if (!record.updatedBy && !this.answered.has(record.id)) throw new EngineError('InvalidApprovalToken', 'The approval request already received a response or has expired.');
      throw new EngineError('ApprovalAlreadyCompleted', `The approval for action '${where.actionName}' in stage '${where.stageName}' has already been completed`); // wording inferred
    }
    this.settle(record.id);
    this.answered.add(record.id);
    pending.resolve(outcome);
    return this.core.clock.now();
  }

  /** Stops waiting for an approval (abandoned, or the emulator is shutting down). */
  settle(actionExecutionId: string): void {
    this.pending.get(actionExecutionId)?.cancelTimer();
    this.pending.delete(actionExecutionId);
  }

  /** Stops every timer, for shutdown. */
  close(): void {
    for (const id of [...this.pending.keys()]) this.settle(id);
  }
}
