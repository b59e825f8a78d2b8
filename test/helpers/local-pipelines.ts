import type { ActionDeclaration, PipelineDeclaration, StageDeclaration } from '../../src/model/index.js';
import { pipelineOf } from './pipelines.js';

type Category = 'Source' | 'Build' | 'Test' | 'Deploy';

/** An action of the test provider (Custom/LocalTest/1) with the given configuration. */
export function testAction(name: string, category: Category, configuration: Record<string, string> = {}, extra: Partial<ActionDeclaration> = {}): ActionDeclaration {
  return { name, actionTypeId: { category, owner: 'Custom', provider: 'LocalTest', version: '1' }, configuration, ...extra };
}

/** A Manual approval action. */
export function approvalAction(name: string, extra: Partial<ActionDeclaration> = {}): ActionDeclaration {
  return { name, actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, ...extra };
}

/** A pipeline of the given stages after a test Source stage producing `SourceArtifact`. */
export function localPipeline(name: string, stages: StageDeclaration[], extra: Partial<PipelineDeclaration> = {}, source: Record<string, string> = {}): PipelineDeclaration {
  return pipelineOf(name, [{ name: 'Source', actions: [testAction('Source', 'Source', source, { outputArtifacts: [{ name: 'SourceArtifact' }], namespace: 'SourceVariables' })] }, ...stages], extra);
}
