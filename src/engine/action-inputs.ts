import type { ActionDeclaration, ActionExecutionRecord, ArtifactDetail, PipelineExecutionRecord } from '../model/index.js';
import type { JobInputArtifact } from '../providers/contract.js';
import type { EngineCore, LiveExecution } from './engine-core.js';
import type { VariableScope } from './variables.js';

/**
 * The latest run of each action whose outputs and variables an execution's actions can use: for a ROLLBACK
 * execution the target's runs come first, overridden by the rollback's own runs of its stage.
 */
export function latestActionRuns(core: EngineCore, record: PipelineExecutionRecord): Map<string, ActionExecutionRecord> {
  const latest = new Map<string, ActionExecutionRecord>();
  const target = record.rollbackMetadata?.rollbackTargetPipelineExecutionId;
  const runs = target ? [...core.actions.ofExecution(target), ...core.actions.ofExecution(record.id)] : core.actions.ofExecution(record.id);
  for (const run of runs) latest.set(`${run.stageName}/${run.actionName}`, run);
  return latest;
}

/** The latest successful run of each action of an execution (a rollback's include its target's), by `stage/action`. */
export function succeededActions(core: EngineCore, execution: PipelineExecutionRecord): ActionExecutionRecord[] {
  return [...latestActionRuns(core, execution).values()].filter((r) => r.status === 'Succeeded');
}

/** The variables an action of this execution can refer to. */
export function variableScope(live: LiveExecution, succeeded: ActionExecutionRecord[]): VariableScope {
  const namespaces = new Map<string, Record<string, string>>();
  for (const record of succeeded) if (record.input.namespace) namespaces.set(record.input.namespace, record.output.outputVariables);
  const pipelineVariables = Object.fromEntries(live.record.variables.map((v) => [v.name, v.resolvedValue]));
  return { pipelineExecutionId: live.record.id, pipelineVariables, namespaces };
}

/** Finds the artifacts an action consumes among the outputs of earlier actions of the execution. */
export function resolveInputArtifacts(
  core: EngineCore,
  action: Pick<ActionDeclaration, 'inputArtifacts'>,
  succeeded: ActionExecutionRecord[],
): { details: ArtifactDetail[]; files: JobInputArtifact[]; missing: string[] } {
  const details: ArtifactDetail[] = [];
  const files: JobInputArtifact[] = [];
  const missing: string[] = [];
  for (const { name } of action.inputArtifacts ?? []) {
    const producer = succeeded.find((r) => r.output.outputArtifacts.some((a) => a.name === name));
    const produced = producer?.output.outputArtifacts.find((a) => a.name === name);
    if (!produced?.s3location) {
      missing.push(name);
      details.push({ name });
      continue;
    }
    details.push(produced);
    files.push({ name, zipPath: core.artifacts.pathOf(produced.s3location), location: produced.s3location, revisionId: producer?.revision?.revisionId });
  }
  return { details, files, missing };
}
