import { builtInActionTypes, findActionType, toActionTypeDeclaration, type ActionTypeDefinition, type ActionTypeId } from '../../model/index.js';
import { pageByOffset } from '../protocol/index.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

const PAGE_SIZE = 100;

/** ListActionTypes: the built-in action types and the custom ones this emulator runs, filtered by owner, paginated. */
export function listActionTypes(input: { actionOwnerFilter?: string; nextToken?: string; regionFilter?: string }, customTypes: readonly ActionTypeDefinition[] = []) {
  const matching = [...builtInActionTypes, ...customTypes].filter((t) => !input.actionOwnerFilter || t.id.owner === input.actionOwnerFilter);
  const page = pageByOffset(matching, input.nextToken, PAGE_SIZE, invalidNextToken);
  return { actionTypes: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** GetActionType: one action type's declaration, or ActionTypeNotFoundException. */
export function getActionType(input: ActionTypeId) {
  const type = findActionType(input);
  if (!type) {
    throw new errors.ActionTypeNotFoundException(
      `ActionType (Category: '${input.category}', Provider: '${input.provider}', Owner: '${input.owner}', Version: '${input.version}') is not available`, // wording inferred
    );
  }
  return { actionType: toActionTypeDeclaration(type) };
}
