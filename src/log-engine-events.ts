import type { EngineEventBus, EngineEventName } from './engine/index.js';
import type { Logger } from './shared/index.js';

const LOGGED: EngineEventName[] = [
  'execution:started',
  'execution:waiting',
  'execution:resumed',
  'execution:stopping',
  'execution:stopped',
  'execution:succeeded',
  'execution:failed',
  'execution:superseded',
  'execution:cancelled',
  'stage:entered',
  'stage:succeeded',
  'stage:failed',
  'stage:stopped',
  'stage:skipped',
  'action:started',
  'action:succeeded',
  'action:failed',
  'action:abandoned',
  'approval:requested',
  'transition:disabled',
  'transition:enabled',
];

/** Logs one line per execution, stage and action status change, so a user sees runs progress; returns an unsubscribe. */
export function logEngineEvents(events: EngineEventBus, log: Logger): () => void {
  const offs = LOGGED.map((name) =>
    events.on(name, (payload) => {
      const p = payload as { scope: { pipelineName: string }; execution?: { id: string; statusSummary?: string }; stage?: { executionId: string; stageName: string }; action?: { executionId: string; stageName: string; actionName: string; summary?: string; errorDetails?: { message: string } }; transition?: { stageName: string } };
      const what = p.action ? `${p.action.stageName}/${p.action.actionName}` : p.stage ? p.stage.stageName : p.transition ? p.transition.stageName : '';
      const detail = p.action?.errorDetails?.message ?? p.action?.summary ?? p.execution?.statusSummary;
      const executionId = p.execution?.id ?? p.stage?.executionId ?? p.action?.executionId;
      log.info({ event: name, pipeline: p.scope.pipelineName, executionId, ...(detail ? { detail } : {}) }, `${p.scope.pipelineName} ${what} ${name}`.replace(/\s+/g, ' '));
    }),
  );
  return () => offs.forEach((off) => off());
}
