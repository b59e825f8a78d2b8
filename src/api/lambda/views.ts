import type { AliasConfiguration, FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { LambdaAliasRecord, LambdaFunctionRecord } from '../../model/index.js';
import type { HandlerOutput } from '../protocol/index.js';

/** Lambda's LastModified text: ISO 8601 with milliseconds and a +0000 offset. */
export function lastModified(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** A function's FunctionConfiguration, as CreateFunction, GetFunction and ListFunctions return it. */
export function functionConfiguration(fn: LambdaFunctionRecord): HandlerOutput<FunctionConfiguration> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lastModified(fn.lastModifiedMs),
    CodeSha256: fn.codeSha256,
    Version: fn.version ?? '$LATEST',
    ...(fn.environment ? { Environment: { Variables: fn.environment } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    // Made locally at once, so a function is Active as soon as it exists and every update has succeeded.
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
}

/** An alias's AliasConfiguration, as CreateAlias, GetAlias and ListAliases return it. */
export function aliasConfiguration(alias: LambdaAliasRecord): HandlerOutput<AliasConfiguration> {
  return {
    AliasArn: alias.arn,
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.additionalVersionWeights ? { RoutingConfig: { AdditionalVersionWeights: alias.additionalVersionWeights } } : {}),
    RevisionId: alias.revisionId,
  };
}
