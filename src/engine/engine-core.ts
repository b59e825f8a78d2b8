import type { ActionExecutionRecord, ActionExecutionStatus, PipelineDeclaration, PipelineExecutionRecord } from '../model/index.js';
import type { ProviderLookup } from '../providers/contract.js';
import type { Clock, Ids, Logger, Timers } from '../shared/index.js';
import type { ActionExecutionStore, ConditionStore, ExecutionStore, PipelineStore } from '../store/index.js';
import type { AlarmStates } from './conditions/alarm-states.js';
import type { RuleFunctions } from './conditions/rule-functions.js';
import type { ArtifactStore } from './artifact-store.js';
import type { EngineEventBus } from './events.js';
import type { Recorder } from './recorder.js';
import type { StageGate } from './stage-gate.js';

/** What the engine is built from; time, ids and timers are injected so tests are deterministic. */
export interface EngineDeps {
  pipelines: PipelineStore;
  executions: ExecutionStore;
  actions: ActionExecutionStore;
  conditions: ConditionStore;
  providers: ProviderLookup;
  artifacts: ArtifactStore;
  events: EngineEventBus;
  clock: Clock;
  timers: Timers;
  ids: Ids;
  log: Logger;
  /** Where CloudWatchAlarm rules read alarm states; without it those rules fail, saying so. */
  alarms?: AlarmStates;
  /** Where LambdaInvoke rules invoke functions; without it those rules fail, saying so. */
  functions?: RuleFunctions;
  /** How many of a pipeline's newest executions keep their artifacts (default 20). */
  artifactRetention?: number;
}

/** An action running now: its record and the means to abandon it. */
export interface RunningAction {
  record: ActionExecutionRecord;
  controller: AbortController;
  /** Settles the action's run at once as Abandoned, without waiting for the provider. */
  abandon(): void;
}

/** An execution the engine is driving now, with the declaration of the version it started on. */
export interface LiveExecution {
  record: PipelineExecutionRecord;
  declaration: PipelineDeclaration;
  /** Set by StopPipelineExecution: finish in-flight actions ('wait') or abandon them. */
  stopMode?: 'wait' | 'abandon';
  /** The stage it is running now, if any (not when it waits in front of one). */
  stageIndex?: number;
  /** The runs of the current runOrder group by action name; a mid-stage FAILED_ACTIONS retry replaces a failed one. */
  groupRuns?: Map<string, Promise<ActionExecutionStatus>>;
  running: Map<string, RunningAction>;
  /** The condition it is evaluating now, if any: OverrideStageCondition and stops reach it here. */
  condition?: ActiveCondition;
  /** Set by OverrideStageCondition on a failed entry condition: the stage is entered without evaluating it again. */
  skipBeforeEntry?: boolean;
}

/** A condition being evaluated, with the means to end it early. */
export interface ActiveCondition {
  type: 'BEFORE_ENTRY' | 'ON_SUCCESS' | 'ON_FAILURE';
  stageName: string;
  /** Ends the evaluation as Overridden: its rules are abandoned and the condition counts as met. */
  override(by: string): void;
  /** Ends the evaluation as Abandoned (a stop): its rules are abandoned. */
  abandon(): void;
}

/** The engine's shared working state, passed to each of its parts. */
export interface EngineCore extends EngineDeps {
  recorder: Recorder;
  gate: StageGate;
  live: Map<string, LiveExecution>;
  /** Set by close(): from then on nothing is recorded, so statuses stay for the next start to recover. */
  closing: boolean;
  /** Output artifacts being written now: close() lets them finish, so nothing is written once the emulator has stopped. */
  storing: Set<Promise<unknown>>;
}

/** The key of a pipeline in the stage gate. */
export function pipelineKey(r: { account: string; region: string; pipelineName: string }): string {
  return `${r.account}/${r.region}/${r.pipelineName}`;
}
