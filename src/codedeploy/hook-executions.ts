import { randomUUID } from 'node:crypto';
import { DeploymentRefusal } from './deployment-refusal.js';

/** How a hook execution ended: as the hook function reported it, or by its timeout. */
export type HookOutcome = 'Succeeded' | 'Failed' | 'TimedOut';

interface Pending {
  deploymentId: string;
  settle(outcome: HookOutcome): void;
}

/**
 * The lifecycle event hook executions of Lambda deployments: each waits for its function to report
 * PutLifecycleEventHookExecutionStatus. Kept in memory: a restart fails the deployments that were waiting.
 */
export class HookExecutions {
  private readonly pending = new Map<string, Pending>();
  private readonly completed = new Map<string, string>();

  /** Opens an execution of a deployment's hook; the promise settles when it is reported (or `expire` is called). */
  open(deploymentId: string): { id: string; outcome: Promise<HookOutcome>; expire(): void } {
    const id = randomUUID();
    let settle!: (outcome: HookOutcome) => void;
    const outcome = new Promise<HookOutcome>((resolve) => (settle = resolve));
    const end = (result: HookOutcome) => {
      if (!this.pending.delete(id)) return;
      this.completed.set(id, deploymentId);
      settle(result);
    };
    this.pending.set(id, { deploymentId, settle: end });
    return { id, outcome, expire: () => end('TimedOut') };
  }

  /** PutLifecycleEventHookExecutionStatus: records a hook's result; refused for an unknown or finished execution. */
  report(deploymentId: string, executionId: string, status: 'Succeeded' | 'Failed'): void {
    const pending = this.pending.get(executionId);
    if (pending && pending.deploymentId === deploymentId) return pending.settle(status);
    if (this.completed.get(executionId) === deploymentId) {
      throw new DeploymentRefusal('LifecycleEventAlreadyCompleted', `The lifecycle event hook execution ${executionId} has already completed.`); // wording inferred
    }
    throw new DeploymentRefusal('InvalidLifecycleEventHookExecutionId', `The lifecycle event hook execution ID ${executionId} is not valid for deployment ${deploymentId}.`); // wording inferred
  }
}
