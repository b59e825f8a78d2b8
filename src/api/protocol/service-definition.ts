import type { RequestContext } from './request-context.js';
import type { ServiceModel } from './service-model.js';

/** Handles one operation: receives the parsed input, returns the output members. */
export type OperationHandler = (input: any, ctx: RequestContext) => unknown;

/** One hosted service: its botocore model and the handlers of the operations implemented so far. */
export interface ServiceDefinition {
  model: ServiceModel;
  handlers: Record<string, OperationHandler>;
}
