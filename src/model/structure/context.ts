import type { ActionTypeDefinition } from '../action-types.js';
import type { PipelineType } from '../enums.js';
import type { ActionDeclaration, PipelineDeclaration, StageDeclaration } from '../pipeline-declaration.js';
import type { StructureProblem } from './problem.js';
import { DEFAULT_PIPELINE_TYPE } from '../declaration-defaults.js';

/** Where a pipeline is being created, and which non-built-in action types the account has. */
export interface StructureContext {
  account: string;
  region: string;
  /** Custom (and partner) action types registered in the account, checked after the built-ins. */
  customActionTypes?: readonly ActionTypeDefinition[];
}

/** One structural rule: returns the first problem it finds, or undefined. */
export type StructureRule = (decl: PipelineDeclaration, ctx: StructureContext) => StructureProblem | undefined;

/** An action together with the stage that holds it and their positions. */
export interface PlacedAction {
  stage: StageDeclaration;
  stageIndex: number;
  action: ActionDeclaration;
  actionIndex: number;
}


/** Returns the pipeline type the declaration is validated as. */
export function pipelineTypeOf(decl: PipelineDeclaration): PipelineType {
  return decl.pipelineType ?? DEFAULT_PIPELINE_TYPE;
}

/** Lists every action of the pipeline in declaration order. */
export function placedActions(decl: PipelineDeclaration): PlacedAction[] {
  return decl.stages.flatMap((stage, stageIndex) =>
    stage.actions.map((action, actionIndex) => ({ stage, stageIndex, action, actionIndex })),
  );
}

/** Returns an action's runOrder, defaulting to 1 as AWS does. */
export function runOrderOf(action: ActionDeclaration): number {
  return action.runOrder ?? 1;
}

/** Tells whether an action is a source action. */
export function isSourceAction(action: ActionDeclaration): boolean {
  return action.actionTypeId.category === 'Source';
}

/** Returns the region an action runs in: its own, else the pipeline's. */
export function regionOf(action: ActionDeclaration, ctx: StructureContext): string {
  return action.region ?? ctx.region;
}

/** Formats a region as AWS spells it in messages: `us-east-1` becomes `US_EAST_1`. */
export function regionCode(region: string): string {
  return region.toUpperCase().replace(/-/g, '_');
}

/** Runs rules in order and returns the first problem found. */
export function firstProblem(
  rules: readonly StructureRule[],
  decl: PipelineDeclaration,
  ctx: StructureContext,
): StructureProblem | undefined {
  for (const rule of rules) {
    const problem = rule(decl, ctx);
    if (problem) return problem;
  }
  return undefined;
}

/** Returns the first element seen twice by a key, in order of its second appearance. */
export function firstDuplicate<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    if (seen.has(key)) return item;
    seen.add(key);
  }
  return undefined;
}
