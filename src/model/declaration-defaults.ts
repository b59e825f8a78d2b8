import type { PipelineType } from './enums.js';
import type { ActionDeclaration, PipelineDeclaration, StageDeclaration } from './pipeline-declaration.js';

/**
 * The type of a pipeline created without `pipelineType`: V2 since AWS changed the default on 2024-12-09
 * ("AWS CodePipeline will create pipelines as a V2 type when the pipeline type is not specified").
 */
export const DEFAULT_PIPELINE_TYPE: PipelineType = 'V2';

function pick<T extends object>(source: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function actionWithDefaults(action: ActionDeclaration): ActionDeclaration {
  // Built in the model's member order, which is the order AWS prints them in.
  return {
    name: action.name,
    actionTypeId: action.actionTypeId,
    runOrder: action.runOrder ?? 1,
    configuration: action.configuration ?? {},
    ...pick(action, ['commands']),
    outputArtifacts: action.outputArtifacts ?? [],
    inputArtifacts: action.inputArtifacts ?? [],
    ...pick(action, ['outputVariables', 'roleArn', 'region', 'namespace', 'timeoutInMinutes', 'environmentVariables']),
  };
}

function stageWithDefaults(stage: StageDeclaration): StageDeclaration {
  return {
    name: stage.name,
    ...pick(stage, ['blockers']),
    actions: stage.actions.map(actionWithDefaults),
    ...pick(stage, ['onFailure', 'onSuccess', 'beforeEntry']),
  };
}

/** Returns the declaration as AWS stores and echoes it: defaults filled in, `version` set, client-sent extras dropped. */
export function withDefaults(declaration: PipelineDeclaration, version: number): PipelineDeclaration {
  return {
    name: declaration.name,
    roleArn: declaration.roleArn,
    ...pick(declaration, ['artifactStore', 'artifactStores']),
    stages: declaration.stages.map(stageWithDefaults),
    version,
    executionMode: declaration.executionMode ?? 'SUPERSEDED',
    pipelineType: declaration.pipelineType ?? DEFAULT_PIPELINE_TYPE,
    ...pick(declaration, ['variables', 'triggers']),
  };
}
