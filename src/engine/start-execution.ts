import type { PipelineDeclaration, PipelineExecutionRecord, SourceRevisionOverride, TriggerType } from '../model/index.js';
import type { Scope } from '../store/index.js';
import type { EngineCore } from './engine-core.js';
import { EngineError } from './engine-error.js';

/** What starts an execution, and what it may override. */
export interface StartOptions {
  trigger: { triggerType: TriggerType; triggerDetail?: string };
  variables?: { name: string; value: string }[];
  sourceRevisions?: SourceRevisionOverride[];
  clientRequestToken?: string;
}

/**
 * Resolves pipeline-level variables: overrides over defaults. Undeclared names are refused; a variable with
 * no value is returned as a problem, since it refuses a StartPipelineExecution but fails an automatic start.
 */
export function resolvePipelineVariables(
  declaration: PipelineDeclaration,
  overrides: { name: string; value: string }[] = [],
): { variables: { name: string; resolvedValue: string }[]; problem?: string } {
  const declared = declaration.variables ?? [];
  for (const o of overrides) {
    if (!declared.some((d) => d.name === o.name)) {
      throw new EngineError('Validation', `Variable '${o.name}' is not declared in pipeline '${declaration.name}'`); // wording inferred
    }
  }
  const variables: { name: string; resolvedValue: string }[] = [];
  const missing: string[] = [];
  for (const d of declared) {
    const value = overrides.find((o) => o.name === d.name)?.value ?? d.defaultValue;
    if (value === undefined) missing.push(d.name);
    else variables.push({ name: d.name, resolvedValue: value });
  }
  const problem = missing.length ? `Variable ${missing.map((m) => `'${m}'`).join(', ')} has no default value and was not given a value` : undefined; // wording inferred
  return { variables, ...(problem ? { problem } : {}) };
}

function checkSourceRevisions(declaration: PipelineDeclaration, overrides: SourceRevisionOverride[] = []): void {
  const sources = declaration.stages[0].actions.map((a) => a.name);
  for (const o of overrides) {
    if (!sources.includes(o.actionName)) throw new EngineError('Validation', `Source revision override names '${o.actionName}', which is not a source action of pipeline '${declaration.name}'`); // wording inferred
  }
}

/** Builds the record of a new execution of the current pipeline version, with a problem that must fail it at once. */
export function newExecutionRecord(core: EngineCore, scope: Scope, declaration: PipelineDeclaration, options: StartOptions): { record: PipelineExecutionRecord; problem?: string } {
  checkSourceRevisions(declaration, options.sourceRevisions);
  const { variables, problem } = resolvePipelineVariables(declaration, options.variables);
  if (problem && options.trigger.triggerType === 'StartPipelineExecution') throw new EngineError('Validation', problem);
  const now = core.clock.now();
  const record: PipelineExecutionRecord = {
    id: core.ids.uuid(),
    account: scope.account,
    region: scope.region,
    pipelineName: declaration.name,
    pipelineVersion: declaration.version!,
    status: 'InProgress',
    executionMode: declaration.executionMode ?? 'SUPERSEDED',
    executionType: 'STANDARD',
    trigger: options.trigger,
    ...(options.clientRequestToken ? { clientRequestToken: options.clientRequestToken } : {}),
    variables,
    sourceOverrides: options.sourceRevisions ?? [],
    artifactRevisions: [],
    sourceRevisions: [],
    startMs: now,
    updatedMs: now,
  };
  return { record, ...(problem ? { problem } : {}) };
}
