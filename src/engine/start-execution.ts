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

/** Resolves pipeline-level variables: overrides over defaults; undeclared names and missing values are refused. */
export function resolvePipelineVariables(declaration: PipelineDeclaration, overrides: { name: string; value: string }[] = []): { name: string; resolvedValue: string }[] {
  const declared = declaration.variables ?? [];
  for (const o of overrides) {
    if (!declared.some((d) => d.name === o.name)) {
      throw new EngineError('Validation', `Variable '${o.name}' is not declared in pipeline '${declaration.name}'`); // wording inferred
    }
  }
  return declared.map((d) => {
    const value = overrides.find((o) => o.name === d.name)?.value ?? d.defaultValue;
    if (value === undefined) throw new EngineError('Validation', `Variable '${d.name}' has no default value and was not given a value`); // wording inferred
    return { name: d.name, resolvedValue: value };
  });
}

function checkSourceRevisions(declaration: PipelineDeclaration, overrides: SourceRevisionOverride[] = []): void {
  const sources = declaration.stages[0].actions.map((a) => a.name);
  for (const o of overrides) {
    if (!sources.includes(o.actionName)) throw new EngineError('Validation', `Source revision override names '${o.actionName}', which is not a source action of pipeline '${declaration.name}'`); // wording inferred
  }
}

/** Builds the record of a new execution of the current pipeline version. */
export function newExecutionRecord(core: EngineCore, scope: Scope, declaration: PipelineDeclaration, options: StartOptions): PipelineExecutionRecord {
  checkSourceRevisions(declaration, options.sourceRevisions);
  const now = core.clock.now();
  return {
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
    variables: resolvePipelineVariables(declaration, options.variables),
    sourceOverrides: options.sourceRevisions ?? [],
    artifactRevisions: [],
    sourceRevisions: [],
    startMs: now,
    updatedMs: now,
  };
}
