/** The exception names a structural problem is reported with. */
export type StructureException =
  | 'InvalidStructureException'
  | 'InvalidStageDeclarationException'
  | 'InvalidActionDeclarationException'
  | 'InvalidBlockerDeclarationException';

/** One structural problem of a pipeline declaration, named and worded as AWS reports it. */
export interface StructureProblem {
  exception: StructureException;
  message: string;
}
