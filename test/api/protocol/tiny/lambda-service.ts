import type { GetFunctionRequest, InvocationRequest, ListFunctionsRequest } from '@aws-sdk/client-lambda';
import { modelledError, type RequestContext, type ServiceDefinition } from '../../../../src/api/protocol/index.js';
import { botocoreModel } from './botocore-model.js';

/** Test-only Lambda over the real botocore model (rest-json): two fixed functions; Invoke echoes its payload. */
export function tinyLambda(): ServiceDefinition {
  const model = botocoreModel('lambda');
  const ResourceNotFoundException = modelledError(model, 'ResourceNotFoundException');
  const names = ['alpha', 'beta'];
  const configuration = (name: string, ctx: RequestContext) => ({
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${name}`,
    Runtime: 'nodejs20.x',
    MemorySize: 128,
    LastModified: '2026-01-02T03:04:05.000+0000',
  });
  const find = (name: string) => {
    if (!names.includes(name)) throw new ResourceNotFoundException(`Function not found: ${name}`);
    return name;
  };
  return {
    model,
    handlers: {
      ListFunctions(input: ListFunctionsRequest, ctx: RequestContext) {
        const all = names.map((n) => configuration(n, ctx));
        return { Functions: all.slice(0, input.MaxItems ?? all.length), ...(input.MaxItems && input.MaxItems < all.length ? { NextMarker: 'm' } : {}) };
      },
      GetFunction: (input: GetFunctionRequest, ctx: RequestContext) => ({ Configuration: configuration(find(input.FunctionName!), ctx), Tags: { qualifier: input.Qualifier ?? '$LATEST' } }),
      Invoke(input: InvocationRequest & { Payload?: Buffer }) {
        find(input.FunctionName!);
        const echoed = JSON.stringify({ echo: JSON.parse(input.Payload?.toString('utf8') || 'null'), type: input.InvocationType ?? 'RequestResponse' });
        return { StatusCode: input.InvocationType === 'Event' ? 202 : 200, ExecutedVersion: '$LATEST', Payload: Buffer.from(echoed) };
      },
    },
  };
}
