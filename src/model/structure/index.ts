import type { PipelineDeclaration } from '../pipeline-declaration.js';
import { checkActions } from './action-rules.js';
import { checkActionRegionStores, checkArtifactStoreChoice } from './artifact-stores.js';
import { checkArtifactFlow } from './artifacts.js';
import { checkConditions } from './conditions.js';
import { firstProblem, type StructureContext, type StructureRule } from './context.js';
import { checkNamespaces, checkVariableNames } from './names.js';
import { checkParallelRollback, checkV2OnlyFeatures } from './pipeline-type.js';
import type { StructureProblem } from './problem.js';
import { checkSourcePlacement, checkStageContents, checkStages } from './stage-layout.js';
import { checkTriggers } from './triggers.js';

export type { StructureContext, StructureRule } from './context.js';
export type { StructureException, StructureProblem } from './problem.js';
export { problems } from './messages.js';

/**
 * The rules in the order they are reported. AWS reports one structural error at a time; its order is
 * not documented, so this one goes from the pipeline as a whole, to stages, to actions, to the links
 * between actions (artifacts, namespaces, triggers). Later rules may rely on earlier ones having passed.
 */
export const structureRules: readonly StructureRule[] = [
  checkArtifactStoreChoice,
  checkV2OnlyFeatures,
  checkStages,
  checkStageContents,
  checkSourcePlacement,
  checkActions,
  checkActionRegionStores,
  checkArtifactFlow,
  checkNamespaces,
  checkTriggers,
  checkVariableNames,
  checkParallelRollback,
  checkConditions,
];

/** Returns the first structural problem of a declaration that already passed the model constraints, if any. */
export function validatePipelineStructure(
  decl: PipelineDeclaration,
  ctx: StructureContext,
): StructureProblem | undefined {
  return firstProblem(structureRules, decl, ctx);
}
