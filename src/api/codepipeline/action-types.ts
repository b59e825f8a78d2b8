import type { GetActionTypeInput, GetActionTypeOutput, ListActionTypesInput, ListActionTypesOutput } from '@aws-sdk/client-codepipeline';
import { ActionOwner, builtInActionTypes, findActionType, toActionTypeDeclaration, type ActionTypeDefinition } from '../../model/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

const PAGE_SIZE = 100;

/** ListActionTypes: the built-in action types and the custom ones this emulator runs, filtered by owner, paginated. */
export function listActionTypes(input: HandlerInput<ListActionTypesInput>, customTypes: readonly ActionTypeDefinition[] = []): HandlerOutput<ListActionTypesOutput> {
  const matching = [...builtInActionTypes, ...customTypes].filter((t) => !input.actionOwnerFilter || t.id.owner === input.actionOwnerFilter);
  const page = pageByOffset(matching, input.nextToken, PAGE_SIZE, invalidNextToken);
  return { actionTypes: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** GetActionType: one action type's declaration, or ActionTypeNotFoundException. */
export function getActionType(input: HandlerInput<GetActionTypeInput>): HandlerOutput<GetActionTypeOutput> {
  // The SDK types the owner as any text; one that is no ActionOwner names no action type.
  const owner = Object.values(ActionOwner).find((o) => o === input.owner);
  const type = owner && findActionType({ ...input, owner });
  if (!type) {
    throw new errors.ActionTypeNotFoundException(
      `ActionType (Category: '${input.category}', Provider: '${input.provider}', Owner: '${input.owner}', Version: '${input.version}') is not available`, // wording inferred
    );
  }
  return { actionType: toActionTypeDeclaration(type) };
}
