import type {
  DeleteGitHubAccountTokenInput,
  DeleteGitHubAccountTokenOutput,
  ListGitHubAccountTokenNamesInput,
  ListGitHubAccountTokenNamesOutput,
} from '@aws-sdk/client-codedeploy';
import type { HandlerInput, HandlerOutput } from '../protocol/index.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';

// GitHub account connections are made by authorizing CodeDeploy in the AWS console's OAuth flow, which has no API
// and no local counterpart: the emulator never holds one, so the list is empty and every name is unknown.

/** ListGitHubAccountTokenNames: always empty; a page token can only be one the emulator never handed out. */
export function listGitHubAccountTokenNames(input: HandlerInput<ListGitHubAccountTokenNamesInput>): HandlerOutput<ListGitHubAccountTokenNamesOutput> {
  if (input.nextToken !== undefined) throw invalidNextToken();
  return { tokenNameList: [] };
}

/** DeleteGitHubAccountToken: GitHubAccountTokenNameRequiredException without a name, else the connection does not exist. */
export function deleteGitHubAccountToken(input: HandlerInput<DeleteGitHubAccountTokenInput>): HandlerOutput<DeleteGitHubAccountTokenOutput> {
  if (!input.tokenName) throw new errors.GitHubAccountTokenNameRequiredException('The call is missing a required GitHub account connection name.'); // wording inferred
  throw new errors.GitHubAccountTokenDoesNotExistException(`No GitHub account connection exists with the name ${input.tokenName}.`); // wording inferred
}
