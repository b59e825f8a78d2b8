import type { TransitionRecord } from '../model/index.js';
import type { PipelineRecord, Scope } from '../store/index.js';
import type { EngineCore } from './engine-core.js';
import { EngineError } from './engine-error.js';

/**
 * Records a transition change and returns the stage whose inbound transition it is: Outbound on a stage
 * is the inbound transition of the next one.
 */
export function setTransition(
  core: EngineCore,
  scope: Scope,
  pipeline: PipelineRecord,
  stageName: string,
  type: 'Inbound' | 'Outbound',
  change: { enabled: boolean; reason?: string; by: string },
): string {
  const stages = pipeline.declaration.stages.map((s) => s.name);
  const index = stages.indexOf(stageName);
  if (index < 0) throw new EngineError('StageNotFound', `Stage '${stageName}' was not found in pipeline '${pipeline.name}'`); // wording inferred
  const target = type === 'Inbound' ? stageName : stages[index + 1];
  if (!target) throw new EngineError('StageNotFound', `Stage '${stageName}' is the last stage of pipeline '${pipeline.name}' and has no outbound transition`); // wording inferred
  const record: TransitionRecord = {
    stageName: target,
    enabled: change.enabled,
    ...(change.enabled || change.reason === undefined ? {} : { disabledReason: change.reason }),
    lastChangedBy: change.by,
    lastChangedMs: core.clock.now(),
  };
  core.actions.saveTransition(scope, pipeline.name, record);
  const eventScope = { ...scope, pipelineName: pipeline.name };
  core.events.emit(change.enabled ? 'transition:enabled' : 'transition:disabled', { scope: eventScope, transition: record });
  return target;
}
