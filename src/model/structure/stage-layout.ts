import type { PipelineDeclaration, StageDeclaration } from '../pipeline-declaration.js';
import { firstDuplicate, isSourceAction } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

/** Checks the pipeline has at least two stages with distinct names. */
export function checkStages(decl: PipelineDeclaration): StructureProblem | undefined {
  if (decl.stages.length < 2) return problems.tooFewStages(decl.stages.length);
  const twice = firstDuplicate(decl.stages, (s) => s.name);
  return twice ? problems.duplicateStageName(twice.name) : undefined;
}

function checkStage(stage: StageDeclaration): StructureProblem | undefined {
  // Blockers are "reserved for future use" in the model: AWS accepts none.
  const blocker = stage.blockers?.[0];
  if (blocker) return problems.blockerNotSupported(stage.name, blocker.name);
  if (stage.actions.length === 0) return problems.emptyStage(stage.name);
  const twice = firstDuplicate(stage.actions, (a) => a.name);
  return twice ? problems.duplicateActionName(stage.name, twice.name) : undefined;
}

/** Checks each stage: no blockers, at least one action, distinct action names. */
export function checkStageContents(decl: PipelineDeclaration): StructureProblem | undefined {
  for (const stage of decl.stages) {
    const problem = checkStage(stage);
    if (problem) return problem;
  }
  return undefined;
}

/** Checks that the first stage holds only source actions and no later stage holds one. */
export function checkSourcePlacement(decl: PipelineDeclaration): StructureProblem | undefined {
  const [first, ...rest] = decl.stages;
  const nonSource = first.actions.find((a) => !isSourceAction(a));
  if (nonSource) return problems.nonSourceInFirstStage(first.name, nonSource.name);
  for (const stage of rest) {
    const source = stage.actions.find(isSourceAction);
    if (source) return problems.sourceOutsideFirstStage(stage.name, source.name);
  }
  return undefined;
}
