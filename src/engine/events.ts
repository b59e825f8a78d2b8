import type { ActionExecutionRecord, ConditionExecutionRecord, PipelineExecutionRecord, RuleExecutionRecord, StageExecutionRecord, TransitionRecord } from '../model/index.js';
import { TypedEmitter } from '../shared/index.js';

/** Where an execution, stage or action belongs, carried by every event. */
export interface EventScope {
  account: string;
  region: string;
  pipelineName: string;
}

/** Every event the engine emits, named `noun:verb` in the past tense; the payload is the record after the change. */
export interface EngineEvents extends Record<string, unknown> {
  'execution:started': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:waiting': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:resumed': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:stopping': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:stopped': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:succeeded': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:failed': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:superseded': { scope: EventScope; execution: PipelineExecutionRecord };
  'execution:cancelled': { scope: EventScope; execution: PipelineExecutionRecord };
  'stage:entered': { scope: EventScope; stage: StageExecutionRecord };
  'stage:succeeded': { scope: EventScope; stage: StageExecutionRecord };
  'stage:failed': { scope: EventScope; stage: StageExecutionRecord };
  'stage:stopping': { scope: EventScope; stage: StageExecutionRecord };
  'stage:stopped': { scope: EventScope; stage: StageExecutionRecord };
  'stage:cancelled': { scope: EventScope; stage: StageExecutionRecord };
  'stage:skipped': { scope: EventScope; stage: StageExecutionRecord };
  'condition:started': { scope: EventScope; condition: ConditionExecutionRecord };
  'condition:succeeded': { scope: EventScope; condition: ConditionExecutionRecord };
  'condition:failed': { scope: EventScope; condition: ConditionExecutionRecord };
  'condition:overridden': { scope: EventScope; condition: ConditionExecutionRecord };
  'condition:abandoned': { scope: EventScope; condition: ConditionExecutionRecord };
  'rule:started': { scope: EventScope; rule: RuleExecutionRecord };
  'rule:progressed': { scope: EventScope; rule: RuleExecutionRecord };
  'rule:succeeded': { scope: EventScope; rule: RuleExecutionRecord };
  'rule:failed': { scope: EventScope; rule: RuleExecutionRecord };
  'rule:abandoned': { scope: EventScope; rule: RuleExecutionRecord };
  'action:started': { scope: EventScope; action: ActionExecutionRecord };
  'action:progressed': { scope: EventScope; action: ActionExecutionRecord };
  'action:succeeded': { scope: EventScope; action: ActionExecutionRecord };
  'action:failed': { scope: EventScope; action: ActionExecutionRecord };
  'action:abandoned': { scope: EventScope; action: ActionExecutionRecord };
  'approval:requested': { scope: EventScope; action: ActionExecutionRecord };
  'transition:disabled': { scope: EventScope; transition: TransitionRecord };
  'transition:enabled': { scope: EventScope; transition: TransitionRecord };
}

/** The engine's event bus: the logger, the console and tests subscribe to it. */
export class EngineEventBus extends TypedEmitter<EngineEvents> {}

/** The name of an engine event. */
export type EngineEventName = Extract<keyof EngineEvents, string>;
