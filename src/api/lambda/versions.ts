import type {
  AliasConfiguration,
  CreateAliasRequest,
  DeleteAliasRequest,
  FunctionConfiguration,
  GetAliasRequest,
  ListAliasesRequest,
  ListAliasesResponse,
  ListVersionsByFunctionRequest,
  ListVersionsByFunctionResponse,
  PublishVersionRequest,
  UpdateAliasRequest,
} from '@aws-sdk/client-lambda';
import { pageByOffset, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import type { LambdaDeps } from './deps.js';
import { InvalidParameterValueException } from './errors.js';
import { callLambda } from './functions.js';
import { aliasConfiguration, functionConfiguration } from './views.js';

const scopeOf = (ctx: RequestContext) => ({ account: ctx.account, region: ctx.region });
// Lambda's list operations answer 50 items per page unless MaxItems says otherwise.
const LIST_DEFAULT_MAX = 50;

function page<T>(items: T[], marker: string | undefined, maxItems: number | undefined): { items: T[]; nextMarker?: string } {
  const p = pageByOffset(items, marker, maxItems ?? LIST_DEFAULT_MAX, () => new InvalidParameterValueException(`Invalid marker: ${marker}`)); // wording inferred
  return { items: p.items, ...(p.nextToken ? { nextMarker: p.nextToken } : {}) };
}

/** PublishVersion: an immutable snapshot of $LATEST numbered 1, 2, ... (201). */
export function publishVersion(deps: LambdaDeps, input: HandlerInput<PublishVersionRequest>, ctx: RequestContext): HandlerOutput<FunctionConfiguration> {
  const request = { codeSha256: input.CodeSha256, description: input.Description, revisionId: input.RevisionId };
  return functionConfiguration(callLambda(() => deps.functions.versions.publish(scopeOf(ctx), input.FunctionName, request)));
}

/** ListVersionsByFunction: $LATEST and then each version. */
export function listVersionsByFunction(deps: LambdaDeps, input: HandlerInput<ListVersionsByFunctionRequest>, ctx: RequestContext): HandlerOutput<ListVersionsByFunctionResponse> {
  const all = callLambda(() => deps.functions.versions.list(scopeOf(ctx), input.FunctionName));
  const p = page(all, input.Marker, input.MaxItems);
  return { Versions: p.items.map(functionConfiguration), ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}) };
}

const weightsOf = (routing: CreateAliasRequest['RoutingConfig']) => routing && (routing.AdditionalVersionWeights ?? {});

/** CreateAlias (201). */
export function createAlias(deps: LambdaDeps, input: HandlerInput<CreateAliasRequest>, ctx: RequestContext): HandlerOutput<AliasConfiguration> {
  const settings = { functionVersion: input.FunctionVersion, description: input.Description, additionalVersionWeights: weightsOf(input.RoutingConfig) };
  return aliasConfiguration(callLambda(() => deps.functions.versions.createAlias(scopeOf(ctx), input.FunctionName, input.Name, settings)));
}

/** UpdateAlias: its version, description or routing. */
export function updateAlias(deps: LambdaDeps, input: HandlerInput<UpdateAliasRequest>, ctx: RequestContext): HandlerOutput<AliasConfiguration> {
  const settings = { functionVersion: input.FunctionVersion, description: input.Description, additionalVersionWeights: weightsOf(input.RoutingConfig) };
  return aliasConfiguration(callLambda(() => deps.functions.versions.updateAlias(scopeOf(ctx), input.FunctionName, input.Name, settings, input.RevisionId)));
}

/** GetAlias. */
export function getAlias(deps: LambdaDeps, input: HandlerInput<GetAliasRequest>, ctx: RequestContext): HandlerOutput<AliasConfiguration> {
  return aliasConfiguration(callLambda(() => deps.functions.versions.getAlias(scopeOf(ctx), input.FunctionName, input.Name)));
}

/** ListAliases: in name order, optionally only those pointing at FunctionVersion. */
export function listAliases(deps: LambdaDeps, input: HandlerInput<ListAliasesRequest>, ctx: RequestContext): HandlerOutput<ListAliasesResponse> {
  const all = callLambda(() => deps.functions.versions.listAliases(scopeOf(ctx), input.FunctionName, input.FunctionVersion));
  const p = page(all, input.Marker, input.MaxItems);
  return { Aliases: p.items.map(aliasConfiguration), ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}) };
}

/** DeleteAlias (204). */
export function deleteAlias(deps: LambdaDeps, input: HandlerInput<DeleteAliasRequest>, ctx: RequestContext): NoOutput {
  callLambda(() => deps.functions.versions.deleteAlias(scopeOf(ctx), input.FunctionName, input.Name));
  return {};
}
