import { builtInActionTypes, findActionType, toActionTypeDeclaration, type ActionTypeId } from '../../model/index.js';
import { decodeNextToken, encodeNextToken } from '../protocol/index.js';
import * as errors from './errors.js';

const PAGE_SIZE = 100;

/** ListActionTypes: the built-in action types, filtered by owner, paginated. */
export function listActionTypes(input: { actionOwnerFilter?: string; nextToken?: string; regionFilter?: string }) {
  const start = input.nextToken === undefined ? 0 : decodeNextToken(input.nextToken)?.offset;
  if (typeof start !== 'number') throw new errors.InvalidNextTokenException('The next token was invalid. Please retry the request without a next token.'); // wording inferred
  const matching = builtInActionTypes.filter((t) => !input.actionOwnerFilter || t.id.owner === input.actionOwnerFilter);
  const page = matching.slice(start, start + PAGE_SIZE);
  const more = start + PAGE_SIZE < matching.length;
  return { actionTypes: page, ...(more ? { nextToken: encodeNextToken({ offset: start + PAGE_SIZE }) } : {}) };
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
