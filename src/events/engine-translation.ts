import type { EngineEventBus, EngineEvents, EventScope } from '../engine/index.js';
import type { PipelineExecutionRecord } from '../model/index.js';
import type { AwsEvent, EventOrigin } from './aws-event.js';
import {
  actionStateChange,
  executionStateChange,
  stageStateChange,
  type ActionEventState,
  type ExecutionEventState,
  type StageEventState,
} from './pipeline-events.js';

/** What turning the engine's events into AWS's needs: ids, the time, and an execution by id (for its pipeline version). */
export interface EngineTranslationDeps {
  events: Pick<EngineEventBus, 'on'>;
  newId(): string;
  now(): number;
  execution(id: string, scope: EventScope): PipelineExecutionRecord | undefined;
  emit(event: AwsEvent): void;
  /** Hears of an event that could not be made: the engine's own emit must never be broken by it. */
  onError?(error: unknown): void;
}

const EXECUTION_STATES = {
  'execution:started': 'STARTED',
  'execution:resumed': 'RESUMED',
  'execution:stopping': 'STOPPING',
  'execution:stopped': 'STOPPED',
  'execution:succeeded': 'SUCCEEDED',
  'execution:failed': 'FAILED',
  'execution:superseded': 'SUPERSEDED',
  'execution:cancelled': 'CANCELED',
} as const satisfies Partial<Record<keyof EngineEvents, ExecutionEventState>>;

const STAGE_STATES = {
  'stage:entered': 'STARTED',
  'stage:succeeded': 'SUCCEEDED',
  'stage:failed': 'FAILED',
  'stage:stopping': 'STOPPING',
  'stage:stopped': 'STOPPED',
  'stage:cancelled': 'CANCELED',
} as const satisfies Partial<Record<keyof EngineEvents, StageEventState>>;

const ACTION_STATES = {
  'action:started': 'STARTED',
  'action:succeeded': 'SUCCEEDED',
  'action:failed': 'FAILED',
  'action:abandoned': 'ABANDONED',
} as const satisfies Partial<Record<keyof EngineEvents, ActionEventState>>;

/**
 * Emits `CodePipeline ... State Change` events for the engine's status moves; returns a function that stops.
 * The attempt counts manual stage retries (1 for the first run), as `pipeline-execution-attempt` does.
 */
export function translateEngineEvents(deps: EngineTranslationDeps): () => void {
  const attempts = new Map<string, number>();
  const attemptOf = (executionId: string) => attempts.get(executionId) ?? 1;
  const origin = (scope: { account: string; region: string }): EventOrigin => ({ id: deps.newId(), account: scope.account, region: scope.region, nowMs: deps.now() });
  const offs: (() => void)[] = [];
  const guarded =
    <P>(listener: (payload: P) => void) =>
    (payload: P) => {
      try {
        listener(payload);
      } catch (error) {
        deps.onError?.(error);
      }
    };
  for (const [name, state] of Object.entries(EXECUTION_STATES)) {
    offs.push(
      deps.events.on(
        name as keyof typeof EXECUTION_STATES,
        guarded(({ scope, execution }) => {
        deps.emit(executionStateChange(origin(scope), execution, state, attemptOf(execution.id)));
        if (state !== 'STARTED' && state !== 'RESUMED' && state !== 'STOPPING') attempts.delete(execution.id);
        }),
      ),
    );
  }
  for (const [name, stateName] of Object.entries(STAGE_STATES)) {
    offs.push(
      deps.events.on(
        name as keyof typeof STAGE_STATES,
        guarded(({ scope, stage }) => {
        const retried = stage.latestRetryTrigger === 'ManualStageRetry' && stage.manualRetryAttempt > 0;
        if (retried) attempts.set(stage.executionId, Math.max(attemptOf(stage.executionId), stage.manualRetryAttempt + 1));
        const state = stateName === 'STARTED' && retried ? 'RESUMED' : stateName;
        const pipelineVersion = deps.execution(stage.executionId, scope)?.pipelineVersion ?? 1;
        deps.emit(stageStateChange(origin(scope), scope.pipelineName, stage, state, { pipelineVersion, attempt: attemptOf(stage.executionId) }));
        }),
      ),
    );
  }
  for (const [name, state] of Object.entries(ACTION_STATES)) {
    offs.push(deps.events.on(name as keyof typeof ACTION_STATES, guarded(({ scope, action }) => deps.emit(actionStateChange(origin(scope), action, state, attemptOf(action.executionId))))));
  }
  return () => offs.forEach((off) => off());
}
