import { lazyAwsModel } from '../../model/index.js';
import type { Logger } from '../../shared/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import type { LambdaDeps } from './deps.js';
import { createFunction, deleteFunction, getFunction, getFunctionConfiguration, listFunctions, updateFunctionCode, updateFunctionConfiguration } from './functions.js';
import { invoke } from './invoke.js';
import { createAlias, deleteAlias, getAlias, listAliases, listVersionsByFunction, publishVersion, updateAlias } from './versions.js';
import { listTags, tagResource, untagResource } from './tags.js';
import type { LambdaOperations } from './operations.js';

export type { LambdaDeps } from './deps.js';
export type { LambdaOperations } from './operations.js';

/** The Lambda service: functions, their versions and aliases, and their invocation in local containers. */
export function lambdaService(deps: LambdaDeps & { log: Logger }): ServiceDefinition {
  return defineService<LambdaOperations>(lazyAwsModel('lambda') as LazyModel, {
    CreateFunction: (input, ctx) => createFunction(deps, input, ctx),
    GetFunction: (input, ctx) => getFunction(deps, input, ctx),
    GetFunctionConfiguration: (input, ctx) => getFunctionConfiguration(deps, input, ctx),
    ListFunctions: (input, ctx) => listFunctions(deps, input, ctx),
    UpdateFunctionCode: (input, ctx) => updateFunctionCode(deps, input, ctx),
    UpdateFunctionConfiguration: (input, ctx) => updateFunctionConfiguration(deps, input, ctx),
    DeleteFunction: (input, ctx) => deleteFunction(deps, input, ctx),
    Invoke: (input, ctx) => invoke(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTags: (input, ctx) => listTags(deps, input, ctx),
    PublishVersion: (input, ctx) => publishVersion(deps, input, ctx),
    ListVersionsByFunction: (input, ctx) => listVersionsByFunction(deps, input, ctx),
    CreateAlias: (input, ctx) => createAlias(deps, input, ctx),
    UpdateAlias: (input, ctx) => updateAlias(deps, input, ctx),
    GetAlias: (input, ctx) => getAlias(deps, input, ctx),
    ListAliases: (input, ctx) => listAliases(deps, input, ctx),
    DeleteAlias: (input, ctx) => deleteAlias(deps, input, ctx),
  });
}
