import type { PipelineDeclaration } from '../pipeline-declaration.js';
import { placedActions, regionOf, type StructureContext } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

/** Checks that exactly one of artifactStore and artifactStores is declared, with the pipeline region in the map. */
export function checkArtifactStoreChoice(decl: PipelineDeclaration, ctx: StructureContext): StructureProblem | undefined {
  const hasSingle = decl.artifactStore !== undefined;
  const hasMap = decl.artifactStores !== undefined;
  if (hasSingle === hasMap) return problems.artifactStoreChoice();
  if (hasMap && !(ctx.region in decl.artifactStores!)) return problems.artifactStoresMissPipelineRegion(ctx.region);
  return undefined;
}

/** Checks that every region an action runs in has an artifact store. */
export function checkActionRegionStores(decl: PipelineDeclaration, ctx: StructureContext): StructureProblem | undefined {
  // A single artifactStore serves the pipeline region only.
  const regions = new Set(decl.artifactStores ? Object.keys(decl.artifactStores) : [ctx.region]);
  for (const { action } of placedActions(decl)) {
    const region = regionOf(action, ctx);
    if (!regions.has(region)) return problems.artifactStoreMissForAction(action.name, region);
  }
  return undefined;
}
