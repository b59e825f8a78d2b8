import type { Logger } from '../../shared/index.js';
import { InputSchemas } from './input-schema.js';
import { parseInput } from './parse-input.js';
import { readRequestContext, signedCredential, type ContextDefaults, type RequestContext } from './request-context.js';
import { Router, type HostedService, type Route } from './router.js';
import type { ServiceDefinition } from './service-definition.js';
import type { ServiceModel } from './service-model.js';
import { findRestOperation } from './wire/uri-template.js';
import { jsonProtocol } from './wire/json.js';
import type { OperationTarget, WireRequest, WireResponse } from './wire/wire-protocol.js';
import { defineWireError, InternalFailure, NotImplementedException, UnknownOperationException, WireError } from './wire-error.js';

/** The query protocol's answer to an Action the service does not have. */
export const InvalidAction = defineWireError('InvalidAction');

/** A hosted service whose input schemas (and so its model) are made by the first request that needs them. */
function hosted(definition: ServiceDefinition): HostedService {
  let schemas: InputSchemas | undefined;
  return {
    definition,
    get schemas() {
      return (schemas ??= new InputSchemas(definition.model));
    },
  };
}

/**
 * Checks each call when access control is on (`--iam`): who signed it, then whether its policies let it make the
 * call. Both throw a WireError, answered in the request's protocol. Without `--iam` there is no guard at all.
 */
export interface CallGuard {
  /** The context with the verified caller's account, ARN and identity. */
  authenticate(req: WireRequest, service: ServiceModel['metadata'], ctx: RequestContext): Promise<RequestContext>;
  /** Refuses a call the caller may not make, given its parsed input. */
  authorize(ctx: RequestContext, service: ServiceModel['metadata'], operation: string, input: unknown): void;
}

/** Routes every AWS call to the operation tables of the hosted services, in whichever protocol the client speaks. */
export class Dispatcher {
  private readonly router: Router;

  constructor(definitions: ServiceDefinition[], private readonly log: Logger, private readonly guard?: CallGuard) {
    this.router = new Router(definitions.map(hosted));
  }

  /** Runs one call end to end and never throws: every failure becomes the protocol's error. Undefined when no service has the route. */
  async dispatch(req: WireRequest, requestId: string, defaults: ContextDefaults): Promise<WireResponse | undefined> {
    const credential = signedCredential(req.headers.authorization, req.query);
    const route = this.router.route(req, credential);
    if (!route) return undefined;
    try {
      let ctx = readRequestContext(credential, requestId, defaults);
      const { service, target } = this.resolve(route, req);
      if (this.guard) ctx = await this.guard.authenticate(req, target.model.metadata, ctx);
      const handler = Object.hasOwn(service.definition.handlers, target.operation.name) ? service.definition.handlers[target.operation.name] : undefined;
      if (!handler) {
        const header = req.headers['x-amz-target'];
        const named = `${target.operation.name}${header ? ` (${header})` : ''}`;
        throw new NotImplementedException(`${target.model.metadata.serviceId} operation ${named} is not implemented by codepipeline-local yet`);
      }
      const input = parseInput(service.schemas, target.operation.input?.shape, route.protocol.parseInput(req, target));
      this.guard?.authorize(ctx, target.model.metadata, target.operation.name, input);
      // The one place a handler's type is erased: its input was just parsed against this operation's input shape,
      // which its SDK input type describes (test/api/protocol/handler-types.test.ts checks the tables).
      return route.protocol.serializeOutput(target, await handler(input as never, ctx), ctx);
    } catch (error) {
      const wire = error instanceof WireError ? error : this.internal(error, req, requestId);
      return route.protocol.serializeError(wire, route.service?.definition.model, requestId);
    }
  }

  /** Says whether a request's operation takes a streaming payload (S3's PutObject, UploadPart), whose body the server must then leave unread. */
  streamsBody(req: WireRequest): boolean {
    const route = this.router.route(req, signedCredential(req.headers.authorization, req.query));
    if (!route?.service || route.protocol.operationName) return false;
    try {
      const { model, operation } = this.resolve(route, req).target;
      const input = operation.input ? model.shapes[operation.input.shape] : undefined;
      return Boolean(input?.payload && input.members?.[input.payload]?.streaming);
    } catch {
      return false;
    }
  }

  /** Serialises a refusal made before dispatch (foreign Host, oversized body) in the protocol the request speaks. */
  refuse(req: WireRequest, error: WireError, requestId: string): WireResponse {
    const route = this.router.route(req, signedCredential(req.headers.authorization, req.query));
    return (route?.protocol ?? jsonProtocol).serializeError(error, route?.service?.definition.model, requestId);
  }

  private resolve(route: Route, req: WireRequest): { service: HostedService; target: OperationTarget } {
    const { service, protocol } = route;
    const named = protocol.operationName?.(req);
    if (protocol.name === 'json') {
      const header = req.headers['x-amz-target'];
      if (!header) throw new UnknownOperationException('Missing X-Amz-Target header: it must name the operation, e.g. CodePipeline_20150709.ListPipelines');
      if (!service || header.lastIndexOf('.') < 0 || !Object.hasOwn(service.definition.model.operations, named!)) throw new UnknownOperationException(`Unknown operation ${header}`);
    }
    if (!service) throw new UnknownOperationException(`No service here answers ${req.method} ${req.path.slice(0, 200)}`);
    const { model } = service.definition;
    const name = protocol.operationName ? named : findRestOperation(model, req, route.path);
    // Own properties only: `constructor` or `__proto__` name no operation, whatever Object.prototype holds.
    if (name === undefined || !Object.hasOwn(model.operations, name)) {
      const what = name === undefined ? `${req.method} ${route.path.slice(0, 200)}` : name.slice(0, 200);
      if (protocol.name === 'query') throw new InvalidAction(`Could not find operation ${what} for version ${model.metadata.apiVersion}`);
      throw new UnknownOperationException(`${model.metadata.serviceId} has no operation ${what}`);
    }
    return { service, target: { model, operation: { ...model.operations[name], name }, path: route.path } };
  }

  private internal(error: unknown, req: WireRequest, requestId: string): WireError {
    this.log.error({ err: error, method: req.method, path: req.path, target: req.headers['x-amz-target'], requestId }, 'unexpected failure in an operation handler');
    return new InternalFailure(`The request processing has failed because of an unknown error (request ${requestId})`);
  }
}
