/**
 * Who holds each stage of each pipeline and who waits in front of it, in memory.
 * Rebuilt from the store at start-up; SQLite stays the record of truth.
 */
export class StageGate {
  private readonly holders = new Map<string, string>();
  private readonly queues = new Map<string, string[]>();

  private static key(pipelineKey: string, stageName: string): string {
    return `${pipelineKey}\u0000${stageName}`;
  }

  /** The execution holding a stage, if any. */
  holder(pipelineKey: string, stageName: string): string | undefined {
    return this.holders.get(StageGate.key(pipelineKey, stageName));
  }

  /** Marks a stage as held by an execution. */
  hold(pipelineKey: string, stageName: string, executionId: string): void {
    this.holders.set(StageGate.key(pipelineKey, stageName), executionId);
  }

  /** Releases a stage if this execution holds it. */
  release(pipelineKey: string, stageName: string, executionId: string): void {
    const key = StageGate.key(pipelineKey, stageName);
    if (this.holders.get(key) === executionId) this.holders.delete(key);
  }

  /** The executions waiting in front of a stage, oldest first. */
  waiting(pipelineKey: string, stageName: string): readonly string[] {
    return this.queues.get(StageGate.key(pipelineKey, stageName)) ?? [];
  }

  /** Adds an execution to the back of a stage's queue. */
  enqueue(pipelineKey: string, stageName: string, executionId: string): void {
    const key = StageGate.key(pipelineKey, stageName);
    this.queues.set(key, [...(this.queues.get(key) ?? []).filter((id) => id !== executionId), executionId]);
  }

  /** Removes an execution from a stage's queue. */
  dequeue(pipelineKey: string, stageName: string, executionId: string): void {
    const key = StageGate.key(pipelineKey, stageName);
    this.queues.set(key, (this.queues.get(key) ?? []).filter((id) => id !== executionId));
  }

  /** Forgets everything about a pipeline (it was deleted). */
  forget(pipelineKey: string): void {
    const prefix = `${pipelineKey}\u0000`;
    for (const map of [this.holders, this.queues] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
  }
}
