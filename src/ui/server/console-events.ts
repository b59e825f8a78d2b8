import type { EngineEvents } from '../../engine/index.js';
import type { ConsoleEvent } from '../shared/console-event.js';

/** The engine's event names without the index signature EngineEvents inherits, so the list below can be checked for completeness. */
type KnownEventName = keyof { [K in keyof EngineEvents as string extends K ? never : K]: true } & string;

/** Every engine event the console forwards; the `satisfies` makes a new engine event a compile error until it is listed here. */
const FORWARDED = {
  'execution:started': true,
  'execution:waiting': true,
  'execution:resumed': true,
  'execution:stopping': true,
  'execution:stopped': true,
  'execution:succeeded': true,
  'execution:failed': true,
  'execution:superseded': true,
  'execution:cancelled': true,
  'stage:entered': true,
  'stage:succeeded': true,
  'stage:failed': true,
  'stage:stopping': true,
  'stage:stopped': true,
  'stage:cancelled': true,
  'stage:skipped': true,
  'condition:started': true,
  'condition:succeeded': true,
  'condition:failed': true,
  'condition:overridden': true,
  'condition:abandoned': true,
  'rule:started': true,
  'rule:progressed': true,
  'rule:succeeded': true,
  'rule:failed': true,
  'rule:abandoned': true,
  'action:started': true,
  'action:progressed': true,
  'action:succeeded': true,
  'action:failed': true,
  'action:abandoned': true,
  'approval:requested': true,
  'transition:disabled': true,
  'transition:enabled': true,
} as const satisfies Record<KnownEventName, true>;

/** The names of the engine events the console's stream carries. */
export const CONSOLE_EVENT_NAMES = Object.keys(FORWARDED) as KnownEventName[];

/** Any engine event's payload: a scope and the execution, stage, action or transition record after the change. */
export type EnginePayload = EngineEvents[KnownEventName];

/** Turns one engine event into the console's small message: where it happened, what changed, the new status. */
export function toConsoleEvent(type: string, p: EnginePayload): ConsoleEvent {
  const base: ConsoleEvent = { type, account: p.scope.account, region: p.scope.region, pipelineName: p.scope.pipelineName };
  if ('execution' in p) return { ...base, pipelineExecutionId: p.execution.id, status: p.execution.status };
  if ('stage' in p) return { ...base, pipelineExecutionId: p.stage.executionId, stageName: p.stage.stageName, status: p.stage.status };
  // Conditions and rules are told as their stage's news: the console reads their states through GetPipelineState.
  if ('condition' in p) return { ...base, pipelineExecutionId: p.condition.executionId, stageName: p.condition.stageName, status: p.condition.status };
  if ('rule' in p) return { ...base, pipelineExecutionId: p.rule.executionId, stageName: p.rule.stageName, status: p.rule.status };
  if ('action' in p) {
    const a = p.action;
    return { ...base, pipelineExecutionId: a.executionId, stageName: a.stageName, actionName: a.actionName, actionExecutionId: a.id, status: a.status };
  }
  return { ...base, stageName: p.transition.stageName, enabled: p.transition.enabled };
}
