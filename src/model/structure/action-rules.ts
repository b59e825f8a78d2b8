import { findActionType, isV2OnlyActionType, type ActionTypeDefinition } from '../action-types.js';
import type { ActionDeclaration, PipelineDeclaration } from '../pipeline-declaration.js';
import { isSourceAction, pipelineTypeOf, placedActions, regionCode, regionOf, type StructureContext } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

function checkRegion(action: ActionDeclaration, ctx: StructureContext): StructureProblem | undefined {
  if (action.region === undefined || action.region === ctx.region) return undefined;
  if (isSourceAction(action)) return problems.crossRegionNotAllowed(action.name, action.region, 'Source actions');
  if (action.actionTypeId.owner === 'AWS') return undefined;
  return problems.crossRegionNotAllowed(action.name, action.region, 'Actions by third-party or custom providers');
}

function checkArtifactCounts(action: ActionDeclaration, type: ActionTypeDefinition): StructureProblem | undefined {
  const counts = [
    ['input', action.inputArtifacts?.length ?? 0, type.inputArtifactDetails],
    ['output', action.outputArtifacts?.length ?? 0, type.outputArtifactDetails],
  ] as const;
  for (const [direction, count, { minimumCount, maximumCount }] of counts) {
    if (count < minimumCount) return problems.tooFewArtifacts(action.name, direction, count, minimumCount);
    if (count > maximumCount) return problems.tooManyArtifacts(action.name, direction, count, maximumCount);
  }
  return undefined;
}

function checkConfiguration(action: ActionDeclaration, type: ActionTypeDefinition): StructureProblem | undefined {
  const config = action.configuration ?? {};
  const props = type.actionConfigurationProperties;
  const missing = props.find((p) => p.required && !(p.name in config));
  if (missing) return problems.missingConfiguration(action.name, missing.name);
  const known = new Set(props.map((p) => p.name));
  const unknown = Object.keys(config).find((k) => !known.has(k));
  return unknown ? problems.unknownConfiguration(action.name, unknown) : undefined;
}

function checkActionFields(action: ActionDeclaration): StructureProblem | undefined {
  const { category, owner, provider } = action.actionTypeId;
  const isManual = category === 'Approval' && owner === 'AWS' && provider === 'Manual';
  if (action.timeoutInMinutes !== undefined && !isManual) return problems.timeoutNotAllowed(action.name);
  const isCommands = category === 'Compute' && owner === 'AWS' && provider === 'Commands';
  return isCommands ? checkCommandsFields(action) : checkNoComputeFields(action);
}

function checkCommandsFields(action: ActionDeclaration): StructureProblem | undefined {
  if (!action.commands?.length) return problems.commandsMissing(action.name);
  // AWS accepts every shell form but multi-line ones: each command is one line.
  const multiLine = action.commands.findIndex((c) => /[\r\n]/.test(c));
  return multiLine >= 0 ? problems.multiLineCommand(action.name, multiLine + 1) : undefined;
}

// The compute fields: AWS names `commands` in its refusal even when only an output artifact's `files` was set (aws-cdk#38843).
function checkNoComputeFields(action: ActionDeclaration): StructureProblem | undefined {
  const hasFiles = action.outputArtifacts?.some((a) => a.files !== undefined);
  if (action.commands !== undefined || action.outputVariables !== undefined || hasFiles) return problems.commandsNotAllowed(action.name);
  return undefined;
}

function checkAction(
  action: ActionDeclaration,
  decl: PipelineDeclaration,
  ctx: StructureContext,
): StructureProblem | undefined {
  const type = findActionType(action.actionTypeId, ctx.customActionTypes);
  if (!type) return problems.actionTypeNotAvailable(action.actionTypeId, action.name, regionCode(regionOf(action, ctx)));
  if (pipelineTypeOf(decl) === 'V1' && isV2OnlyActionType(type.id)) {
    return problems.v2OnlyActionType(action.name, type.id.provider);
  }
  return (
    checkRegion(action, ctx) ??
    checkArtifactCounts(action, type) ??
    checkConfiguration(action, type) ??
    checkActionFields(action)
  );
}

/** Checks every action against its action type: availability, region, artifact counts, configuration, fields. */
export function checkActions(decl: PipelineDeclaration, ctx: StructureContext): StructureProblem | undefined {
  for (const { action } of placedActions(decl)) {
    const problem = checkAction(action, decl, ctx);
    if (problem) return problem;
  }
  return undefined;
}
