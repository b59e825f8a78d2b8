import type { PipelineExecutionRecord } from '../model/index.js';
import type { EngineCore } from './engine-core.js';

/** How many of a pipeline's newest executions keep their artifacts unless configured otherwise. */
export const DEFAULT_ARTIFACT_RETENTION = 20;

/**
 * Deletes the stored artifacts of a pipeline's executions older than its newest N (the retention rule),
 * once an execution ends. Their records stay; only the artifact objects go.
 */
export function pruneArtifacts(core: EngineCore, ended: PipelineExecutionRecord): void {
  const keep = core.artifactRetention ?? DEFAULT_ARTIFACT_RETENTION;
  const older = core.executions.list(ended, ended.pipelineName, Number.MAX_SAFE_INTEGER, keep + 50).slice(keep);
  for (const { record } of older) {
    if (record.status === 'InProgress' || record.status === 'Stopping') continue;
    const locations = core.actions.ofExecution(record.id).flatMap((a) => a.output.outputArtifacts.flatMap((o) => (o.s3location ? [o.s3location] : [])));
    // Deleting objects takes a moment; nothing waits for it, and a failure costs only disk space.
    core.artifacts.remove(locations).catch((error: Error) => core.log.warn({ err: error, executionId: record.id }, 'could not delete the artifacts of an old execution'));
  }
}
