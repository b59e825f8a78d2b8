import type { GetActionTypeInput, GetActionTypeOutput, ListActionTypesInput, ListActionTypesOutput } from '@aws-sdk/client-codepipeline';
import { ActionOwner, builtInActionTypes, findActionType, toActionTypeDeclaration, type ActionTypeDefinition } from '../../model/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { builtInSettings } from './built-in-links.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

const PAGE_SIZE = 100;

/** Where the links of built-in action types point: the server's base URL and the caller's scope. */
export interface ActionTypeLinks {
  baseUrl: string;
  ctx: RequestContext;
}

/** A built-in type with the settings AWS fills in, pointing into the emulator. */
function withSettings(type: ActionTypeDefinition, links: ActionTypeLinks): ActionTypeDefinition {
  const settings = type.settings ?? builtInSettings(type.id, links.baseUrl, links.ctx);
  return settings ? { ...type, settings } : type;
}

/** ListActionTypes: the built-in action types and the custom ones this emulator runs, filtered by owner, paginated. */
export function listActionTypes(
  input: HandlerInput<ListActionTypesInput>,
  links: ActionTypeLinks,
  customTypes: readonly ActionTypeDefinition[] = [],
): HandlerOutput<ListActionTypesOutput> {
  const matching = [...builtInActionTypes.map((t) => withSettings(t, links)), ...customTypes].filter((t) => !input.actionOwnerFilter || t.id.owner === input.actionOwnerFilter);
  const page = pageByOffset(matching, input.nextToken, PAGE_SIZE, invalidNextToken);
  return { actionTypes: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** GetActionType: one action type's declaration, or ActionTypeNotFoundException. */
export function getActionType(input: HandlerInput<GetActionTypeInput>, links: ActionTypeLinks): HandlerOutput<GetActionTypeOutput> {
  // The SDK types the owner as any text; one that is no ActionOwner names no action type.
  const owner = Object.values(ActionOwner).find((o) => o === input.owner);
  const type = owner && findActionType({ ...input, owner });
  if (!type) {
    throw new errors.ActionTypeNotFoundException(
      `ActionType (Category: '${input.category}', Provider: '${input.provider}', Owner: '${input.owner}', Version: '${input.version}') is not available`, // wording inferred
    );
  }
  return { actionType: toActionTypeDeclaration(withSettings(type, links)) };
}
