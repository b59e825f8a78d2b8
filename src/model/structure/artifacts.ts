import type { PipelineDeclaration } from '../pipeline-declaration.js';
import { firstDuplicate, placedActions, runOrderOf, type PlacedAction } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

// An input may only come from an action that has finished: an earlier stage, or a lower runOrder.
const runsBefore = (producer: PlacedAction, consumer: PlacedAction): boolean =>
  producer.stageIndex < consumer.stageIndex ||
  (producer.stageIndex === consumer.stageIndex && runOrderOf(producer.action) < runOrderOf(consumer.action));

function checkInputs(consumer: PlacedAction, producers: Map<string, PlacedAction>): StructureProblem | undefined {
  const inputs = consumer.action.inputArtifacts ?? [];
  const twice = firstDuplicate(inputs, (a) => a.name);
  if (twice) return problems.duplicateInputArtifact(consumer.action.name, twice.name);
  for (const { name } of inputs) {
    const producer = producers.get(name);
    if (!producer) return problems.inputArtifactNotProduced(consumer.action.name, name);
    if (!runsBefore(producer, consumer)) {
      return problems.inputArtifactNotEarlier(consumer.action.name, name, producer.action.name);
    }
  }
  return undefined;
}

/** Checks artifact flow: unique output names, and every input produced by an action that runs before. */
export function checkArtifactFlow(decl: PipelineDeclaration): StructureProblem | undefined {
  const placed = placedActions(decl);
  const outputs = placed.flatMap((p) => (p.action.outputArtifacts ?? []).map((artifact) => ({ p, artifact })));
  const twice = firstDuplicate(outputs, (o) => o.artifact.name);
  if (twice) return problems.outputArtifactNotUnique(twice.artifact.name);
  const producers = new Map(outputs.map((o) => [o.artifact.name, o.p]));
  for (const consumer of placed) {
    const problem = checkInputs(consumer, producers);
    if (problem) return problem;
  }
  return undefined;
}
