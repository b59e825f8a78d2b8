import type { STS, STSClient } from '@aws-sdk/client-sts';
import { IamRefusal } from '../../iam/index.js';
import { lazyAwsModel } from '../../model/index.js';
import { AccessDenied, callerOf, QUERY_REFUSALS, type IamDeps } from '../iam/index.js';
import { defineService, mapRefusals, ValidationException, type HandlerInput, type HandlerOutput, type LazyModel, type RequestContext, type SdkOperations, type ServiceDefinition } from '../protocol/index.js';

/** STS's operations with the SDK's input and output types. */
export type StsOperations = SdkOperations<STS, STSClient>;
type In<K extends keyof StsOperations> = HandlerInput<StsOperations[K]['input']>;
type Out<K extends keyof StsOperations> = HandlerOutput<StsOperations[K]['output']>;

/** GetCallerIdentity: who signed the call (the account's root for a key IAM does not know, without --iam). */
export function getCallerIdentity(deps: IamDeps, ctx: RequestContext): Out<'GetCallerIdentity'> {
  const caller = callerOf(deps, ctx);
  return { UserId: caller.userId, Account: caller.account, Arn: caller.arn };
}

/** AssumeRole: temporary credentials of a role whose trust policy lets the caller in. */
export function assumeRole(deps: IamDeps, input: In<'AssumeRole'>, ctx: RequestContext): Out<'AssumeRole'> {
  const caller = callerOf(deps, ctx);
  // AWS refuses the root outright; without --iam every unsigned caller is the root, so it may act as a registry.
  if (deps.enforced && caller.kind === 'root') throw new AccessDenied('Roles may not be assumed by root accounts.');
  const table = { ...QUERY_REFUSALS, InvalidInput: ValidationException };
  const session = mapRefusals(IamRefusal, table, () => deps.iam.sessions.assume(caller, input.RoleArn, input.RoleSessionName, input.DurationSeconds ?? 3600));
  const { credentials } = session;
  return {
    Credentials: { AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey, SessionToken: credentials.session.sessionToken, Expiration: new Date(credentials.session.expiresMs) },
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn },
  };
}

/** The STS service (query protocol): GetCallerIdentity and AssumeRole. */
export function stsService(deps: IamDeps): ServiceDefinition {
  return defineService<StsOperations>(lazyAwsModel('sts') as LazyModel, {
    GetCallerIdentity: (_input, ctx) => getCallerIdentity(deps, ctx),
    AssumeRole: (input, ctx) => assumeRole(deps, input, ctx),
  });
}
