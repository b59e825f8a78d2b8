import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  DeleteFunctionResponse,
  FunctionConfiguration,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetFunctionResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import { LambdaRefusal, parseFunctionName } from '../../lambda/index.js';
import { mapRefusals, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import type { LambdaDeps } from './deps.js';
import { InvalidParameterValueException, LAMBDA_REFUSALS } from './errors.js';
import { functionConfiguration } from './views.js';

/** Runs a domain call, turning its refusals into Lambda's wire errors. */
export function callLambda<T>(work: () => T): T {
  return mapRefusals(LambdaRefusal, LAMBDA_REFUSALS, work);
}

/** Awaits a domain call, turning its refusals into Lambda's wire errors. */
async function callLambdaAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return callLambda(() => {
      throw error;
    });
  }
}

const scopeOf = (ctx: RequestContext) => ({ account: ctx.account, region: ctx.region });
const bytes = (blob: string | Uint8Array) => (typeof blob === 'string' ? Buffer.from(blob, 'base64') : blob);

// Code comes as a zip in the request or from an object of the emulator's S3; container images are not run.
async function zipOf(deps: LambdaDeps, code: { ZipFile?: string | Uint8Array; S3Bucket?: string; S3Key?: string; S3ObjectVersion?: string; ImageUri?: string }): Promise<Uint8Array> {
  if (code.ZipFile !== undefined) return bytes(code.ZipFile);
  if (code.S3Bucket !== undefined && code.S3Key !== undefined) return deps.readS3Code(code.S3Bucket, code.S3Key, code.S3ObjectVersion);
  if (code.ImageUri !== undefined) throw new InvalidParameterValueException('Container images (ImageUri) are not supported by codepipeline-local yet: give the code as ZipFile or S3Bucket and S3Key.'); // wording inferred
  throw new InvalidParameterValueException('Please provide a source for function code.'); // wording inferred
}

/** CreateFunction: a zip function with one of the runtimes the emulator runs. */
export async function createFunction(deps: LambdaDeps, input: HandlerInput<CreateFunctionRequest>, ctx: RequestContext): Promise<HandlerOutput<FunctionConfiguration>> {
  if (input.PackageType === 'Image') throw new InvalidParameterValueException('Container image functions are not supported by codepipeline-local yet.'); // wording inferred
  if (input.Runtime === undefined) throw new InvalidParameterValueException('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  const zip = await callLambdaAsync(() => zipOf(deps, input.Code));
  const fn = callLambda(() =>
    deps.functions.create(scopeOf(ctx), {
      name: input.FunctionName,
      runtime: input.Runtime!,
      role: input.Role,
      handler: input.Handler ?? '',
      zip,
      fromS3: input.Code.ZipFile === undefined,
      description: input.Description,
      timeout: input.Timeout,
      memorySize: input.MemorySize,
      environment: input.Environment?.Variables,
      tags: input.Tags,
    }),
  );
  return functionConfiguration(fn);
}

/** GetFunction: the configuration, where to download the code, and the tags. */
export function getFunction(deps: LambdaDeps, input: HandlerInput<GetFunctionRequest>, ctx: RequestContext): HandlerOutput<GetFunctionResponse> {
  const fn = callLambda(() => deps.functions.get(scopeOf(ctx), input.FunctionName, input.Qualifier));
  return {
    Configuration: asQualified(functionConfiguration(fn), input.FunctionName, input.Qualifier),
    Code: { RepositoryType: 'S3', Location: deps.codeUrl(fn) },
    ...(fn.tags ? { Tags: fn.tags } : {}),
  };
}

/** GetFunctionConfiguration. */
export function getFunctionConfiguration(deps: LambdaDeps, input: HandlerInput<GetFunctionConfigurationRequest>, ctx: RequestContext): HandlerOutput<FunctionConfiguration> {
  return asQualified(functionConfiguration(callLambda(() => deps.functions.get(scopeOf(ctx), input.FunctionName, input.Qualifier))), input.FunctionName, input.Qualifier);
}

/** A configuration read through an alias names the alias in its FunctionArn, as Lambda answers (its Version is the alias's). */
function asQualified(config: HandlerOutput<FunctionConfiguration>, functionName: string, qualifier: string | undefined): HandlerOutput<FunctionConfiguration> {
  const named = qualifier ?? parseFunctionName(functionName).qualifier;
  if (named === undefined || named === '$LATEST' || /^\d+$/.test(named)) return config;
  return { ...config, FunctionArn: `${config.FunctionArn!.replace(/:\d+$/, '')}:${named}` };
}

const LIST_DEFAULT_MAX = 50;

/** ListFunctions: in name order, a page of MaxItems (50 by default) with NextMarker. */
export function listFunctions(deps: LambdaDeps, input: HandlerInput<ListFunctionsRequest>, ctx: RequestContext): HandlerOutput<ListFunctionsResponse> {
  const all = deps.functions.list(scopeOf(ctx));
  let start = 0;
  if (input.Marker !== undefined) {
    const after = Buffer.from(input.Marker, 'base64url').toString('utf8');
    if (!input.Marker || !/^[\w-]+$/.test(after)) throw new InvalidParameterValueException(`Invalid marker: ${input.Marker}`); // wording inferred
    start = all.findIndex((f) => f.name > after);
    if (start < 0) start = all.length;
  }
  const max = input.MaxItems ?? LIST_DEFAULT_MAX;
  const page = all.slice(start, start + max);
  const more = start + max < all.length;
  return { Functions: page.map(functionConfiguration), ...(more ? { NextMarker: Buffer.from(page[page.length - 1].name).toString('base64url') } : {}) };
}

/** UpdateFunctionCode: a new zip (DryRun checks without changing anything). */
export async function updateFunctionCode(deps: LambdaDeps, input: HandlerInput<UpdateFunctionCodeRequest>, ctx: RequestContext): Promise<HandlerOutput<FunctionConfiguration>> {
  const zip = await callLambdaAsync(() => zipOf(deps, input));
  const scope = scopeOf(ctx);
  if (input.DryRun) return functionConfiguration(callLambda(() => deps.functions.get(scope, input.FunctionName)));
  return functionConfiguration(callLambda(() => deps.functions.updateCode(scope, input.FunctionName, zip, input.RevisionId, input.ZipFile === undefined)));
}

/** UpdateFunctionConfiguration: runtime, handler, role, description, timeout, memory and environment. */
export function updateFunctionConfiguration(deps: LambdaDeps, input: HandlerInput<UpdateFunctionConfigurationRequest>, ctx: RequestContext): HandlerOutput<FunctionConfiguration> {
  const settings = {
    runtime: input.Runtime,
    handler: input.Handler,
    role: input.Role,
    description: input.Description,
    timeout: input.Timeout,
    memorySize: input.MemorySize,
    environment: input.Environment ? (input.Environment.Variables ?? {}) : undefined,
  };
  return functionConfiguration(callLambda(() => deps.functions.updateConfiguration(scopeOf(ctx), input.FunctionName, settings, input.RevisionId)));
}

/** DeleteFunction: answered 204 with no body, as Lambda does. */
export function deleteFunction(deps: LambdaDeps, input: HandlerInput<DeleteFunctionRequest>, ctx: RequestContext): HandlerOutput<DeleteFunctionResponse> {
  callLambda(() => deps.functions.delete(scopeOf(ctx), input.FunctionName, input.Qualifier));
  return { StatusCode: 204 };
}
