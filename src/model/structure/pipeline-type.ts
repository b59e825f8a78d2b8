import type { PipelineDeclaration } from '../pipeline-declaration.js';
import { pipelineTypeOf } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';
import { hasTagTrigger } from './triggers.js';

const STAGE_CONDITIONS = ['beforeEntry', 'onSuccess', 'onFailure'] as const;

function checkStageConditionsV1(decl: PipelineDeclaration): StructureProblem | undefined {
  for (const stage of decl.stages) {
    const member = STAGE_CONDITIONS.find((m) => stage[m] !== undefined);
    if (member) return problems.needsV2(`Stage condition ${member} in stage ${stage.name}`);
  }
  return undefined;
}

/** Checks that a V1 pipeline uses no V2-only feature (execution modes, variables, triggers, stage conditions). */
export function checkV2OnlyFeatures(decl: PipelineDeclaration): StructureProblem | undefined {
  if (pipelineTypeOf(decl) === 'V2') return undefined;
  const mode = decl.executionMode;
  if (mode === 'QUEUED' || mode === 'PARALLEL') return problems.needsV2(`Execution mode ${mode}`);
  if (decl.variables?.length) return problems.needsV2('Pipeline variables');
  if (decl.triggers?.length) {
    return hasTagTrigger(decl.triggers) ? problems.tagTriggersNeedV2() : problems.needsV2('Triggers');
  }
  return checkStageConditionsV1(decl);
}

/** Checks that no stage asks for rollback on failure in PARALLEL mode, which has no rollback. */
export function checkParallelRollback(decl: PipelineDeclaration): StructureProblem | undefined {
  if (decl.executionMode !== 'PARALLEL') return undefined;
  const stage = decl.stages.find((s) => s.onFailure?.result === 'ROLLBACK');
  return stage ? problems.parallelRollback(stage.name) : undefined;
}
