import type {
  DeleteSourceCredentialsInput,
  DeleteSourceCredentialsOutput,
  ImportSourceCredentialsInput,
  ImportSourceCredentialsOutput,
  ListSourceCredentialsInput,
  ListSourceCredentialsOutput,
} from '@aws-sdk/client-codebuild';
import { formatArn } from '../../shared/index.js';
import type { SourceCredentialsRecord } from '../../store/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceAlreadyExistsException, ResourceNotFoundException } from './errors.js';

// Auth types whose token names a resource (a connection or a secret), which ListSourceCredentials shows as `resource`.
const RESOURCE_AUTH = ['CODECONNECTIONS', 'SECRETS_MANAGER'];

/** ImportSourceCredentials: stores a provider's token (one per server type, as AWS's `token/<server type>` ARN says); the token is never returned. */
export function importSourceCredentials(deps: CodeBuildDeps, input: HandlerInput<ImportSourceCredentialsInput>, ctx: RequestContext): HandlerOutput<ImportSourceCredentialsOutput> {
  const serverType = input.serverType as SourceCredentialsRecord['serverType'];
  const authType = input.authType as SourceCredentialsRecord['authType'];
  // wordings inferred: AWS takes a user name only with Bitbucket's app passwords (BASIC_AUTH).
  if (authType === 'BASIC_AUTH' && serverType !== 'BITBUCKET') throw new InvalidInputException(`Auth type BASIC_AUTH is not supported for server type ${serverType}`);
  if (authType === 'BASIC_AUTH' && !input.username) throw new InvalidInputException('username is required for auth type BASIC_AUTH');
  const arn = formatArn({ service: 'codebuild', region: ctx.region, account: ctx.account, resource: `token/${serverType.toLowerCase()}` });
  if (input.shouldOverwrite === false && deps.credentials.get(ctx, arn)) {
    throw new ResourceAlreadyExistsException(`Source credentials ${arn} already exist`); // wording inferred
  }
  deps.credentials.put(ctx, { arn, serverType, authType, token: input.token, ...(input.username ? { username: input.username } : {}) });
  return { arn };
}

/** ListSourceCredentials: each stored credential's ARN, server and auth type, never its token. */
export function listSourceCredentials(deps: CodeBuildDeps, _input: HandlerInput<ListSourceCredentialsInput>, ctx: RequestContext): HandlerOutput<ListSourceCredentialsOutput> {
  return {
    sourceCredentialsInfos: deps.credentials.list(ctx).map((c) => ({
      arn: c.arn,
      serverType: c.serverType,
      authType: c.authType,
      ...(RESOURCE_AUTH.includes(c.authType) ? { resource: c.token } : {}),
    })),
  };
}

/** DeleteSourceCredentials: removes stored credentials by ARN. */
export function deleteSourceCredentials(deps: CodeBuildDeps, input: HandlerInput<DeleteSourceCredentialsInput>, ctx: RequestContext): HandlerOutput<DeleteSourceCredentialsOutput> {
  if (!deps.credentials.get(ctx, input.arn)) throw new ResourceNotFoundException(`Source credentials ${input.arn} do not exist`); // wording inferred
  deps.credentials.delete(input.arn);
  return { arn: input.arn };
}
