import { findActionType, validatePipelineStructure, type ActionTypeDefinition, type PipelineDeclaration, type Tag } from '../../model/index.js';
import type { RequestContext } from '../protocol/index.js';
import * as errors from './errors.js';

const MASK = '****';

/** Throws AWS's exception for the first structural problem of a declaration, if any. */
export function assertValidStructure(declaration: PipelineDeclaration, ctx: RequestContext, customActionTypes: readonly ActionTypeDefinition[]): void {
  const problem = validatePipelineStructure(declaration, { account: ctx.account, region: ctx.region, customActionTypes });
  if (problem) throw new errors[problem.exception as keyof typeof errors](problem.message);
}

/** Throws InvalidTagsException for system tags, as AWS refuses to let users set them. */
export function assertUserTags(tags: Tag[]): void {
  if (tags.some((t) => t.key.startsWith('aws:'))) {
    throw new errors.InvalidTagsException(
      "Not allowed to modify system tags. System tags start with 'aws:'. msg=[Caller is an end user and not allowed to mutate system tags]",
    );
  }
}

function secretKeys(action: PipelineDeclaration['stages'][number]['actions'][number], customTypes: readonly ActionTypeDefinition[]): string[] {
  const type = findActionType(action.actionTypeId, customTypes);
  return (type?.actionConfigurationProperties ?? []).filter((p) => p.secret).map((p) => p.name);
}

function forEachSecret(
  declaration: PipelineDeclaration,
  customTypes: readonly ActionTypeDefinition[],
  visit: (stage: string, action: string, config: Record<string, string>, key: string) => void,
): void {
  for (const stage of declaration.stages) {
    for (const action of stage.actions) {
      const config = action.configuration ?? {};
      for (const key of secretKeys(action, customTypes)) if (config[key] !== undefined) visit(stage.name, action.name, config, key);
    }
  }
}

/** Refuses `****` in a secret property of a new action, as AWS does on create. */
export function assertNoMaskedSecrets(declaration: PipelineDeclaration, previous?: PipelineDeclaration, customTypes: readonly ActionTypeDefinition[] = []): void {
  forEachSecret(declaration, customTypes, (stage, action, config, key) => {
    if (config[key] !== MASK) return;
    const old = previous?.stages.find((s) => s.name === stage)?.actions.find((a) => a.name === action);
    if (old?.configuration?.[key] !== undefined) return;
    throw new errors.InvalidActionDeclarationException(
      `Action configuration for the new action "${action}" contains an invalid configuration for the secret property "${key}". "${MASK}" may be used in secret properties only when updating an existing action.`,
    );
  });
}

/** Puts back the stored secret values where an update sent `****`, as AWS keeps them. */
export function restoreMaskedSecrets(declaration: PipelineDeclaration, previous: PipelineDeclaration, customTypes: readonly ActionTypeDefinition[] = []): PipelineDeclaration {
  const copy: PipelineDeclaration = structuredClone(declaration);
  forEachSecret(copy, customTypes, (stage, action, config, key) => {
    if (config[key] !== MASK) return;
    config[key] = previous.stages.find((s) => s.name === stage)!.actions.find((a) => a.name === action)!.configuration![key];
  });
  return copy;
}

/** Returns a copy of a declaration with secret configuration values shown as `****`, as AWS returns them. */
export function maskSecrets(declaration: PipelineDeclaration, customTypes: readonly ActionTypeDefinition[] = []): PipelineDeclaration {
  let any = false;
  forEachSecret(declaration, customTypes, () => (any = true));
  // Most pipelines hold no secret: reads then skip the copy, which is the costliest step of GetPipeline.
  if (!any) return declaration;
  const copy: PipelineDeclaration = structuredClone(declaration);
  forEachSecret(copy, customTypes, (_stage, _action, config, key) => {
    config[key] = MASK;
  });
  return copy;
}
