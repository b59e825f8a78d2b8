import type { Logger } from '../../shared/index.js';
import { InputSchemas } from './input-schema.js';
import { parseInput } from './parse-input.js';
import type { RequestContext } from './request-context.js';
import type { ServiceModel } from './service-model.js';
import { InternalFailure, NotImplementedException, SerializationException, UnknownOperationException, WireError } from './wire-error.js';

/** Handles one operation: receives the parsed input, returns the output members. */
export type OperationHandler = (input: any, ctx: RequestContext) => unknown;

/** One hosted service: its botocore model and the handlers of the operations implemented so far. */
export interface ServiceDefinition {
  model: ServiceModel;
  handlers: Record<string, OperationHandler>;
}

/** The outcome of one dispatched call, ready to be written to the wire. */
export interface DispatchResult {
  status: number;
  body: Record<string, unknown>;
  errorName?: string;
}

interface HostedService {
  definition: ServiceDefinition;
  schemas: InputSchemas;
}

/** Routes `X-Amz-Target` calls to the operation tables of every hosted service. */
export class Dispatcher {
  private readonly services = new Map<string, HostedService>();

  constructor(definitions: ServiceDefinition[], private readonly log: Logger) {
    for (const definition of definitions) {
      this.services.set(definition.model.metadata.targetPrefix, { definition, schemas: new InputSchemas(definition.model) });
    }
  }

  /** Runs one call end to end and never throws: every failure becomes an AWS-shaped error. */
  async dispatch(target: string | undefined, rawBody: string, ctx: RequestContext): Promise<DispatchResult> {
    try {
      const output = await this.invoke(target, rawBody, ctx);
      return { status: 200, body: (output ?? {}) as Record<string, unknown> };
    } catch (error) {
      const wire = error instanceof WireError ? error : this.internal(error, target, ctx);
      return { status: wire.httpStatus, errorName: wire.errorName, body: { __type: wire.errorName, message: wire.message } };
    }
  }

  private async invoke(target: string | undefined, rawBody: string, ctx: RequestContext): Promise<unknown> {
    const { service, operation } = this.resolve(target);
    const model = service.definition.model;
    const handler = Object.hasOwn(service.definition.handlers, operation) ? service.definition.handlers[operation] : undefined;
    if (!handler) {
      throw new NotImplementedException(`${model.metadata.serviceId} operation ${operation} (${target}) is not implemented by codepipeline-local yet`);
    }
    const input = parseInput(service.schemas, model.operations[operation].input?.shape, parseJson(rawBody));
    return handler(input, ctx);
  }

  private resolve(target: string | undefined): { service: HostedService; operation: string } {
    if (!target) throw new UnknownOperationException('Missing X-Amz-Target header: it must name the operation, e.g. CodePipeline_20150709.ListPipelines');
    const dot = target.lastIndexOf('.');
    const service = this.services.get(target.slice(0, dot));
    const operation = target.slice(dot + 1);
    // Own properties only: `constructor` or `__proto__` name no operation, whatever Object.prototype holds.
    if (dot < 0 || !service || !Object.hasOwn(service.definition.model.operations, operation)) {
      throw new UnknownOperationException(`Unknown operation ${target}`);
    }
    return { service, operation };
  }

  private internal(error: unknown, target: string | undefined, ctx: RequestContext): WireError {
    this.log.error({ err: error, target, requestId: ctx.requestId }, 'unexpected failure in an operation handler');
    return new InternalFailure(`The request processing has failed because of an unknown error (request ${ctx.requestId})`);
  }
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new SerializationException(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}
