import type { PipelineDeclaration } from '../pipeline-declaration.js';
import { firstDuplicate, placedActions } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

/** Checks that no two actions share a variable namespace. */
export function checkNamespaces(decl: PipelineDeclaration): StructureProblem | undefined {
  const twice = firstDuplicate(placedActions(decl), (p) => p.action.namespace);
  return twice ? problems.namespaceNotUnique(twice.stage.name, twice.action.name, twice.action.namespace!) : undefined;
}

/** Checks that no two pipeline variables share a name. */
export function checkVariableNames(decl: PipelineDeclaration): StructureProblem | undefined {
  const twice = firstDuplicate(decl.variables ?? [], (v) => v.name);
  return twice ? problems.duplicateVariable(twice.name) : undefined;
}
