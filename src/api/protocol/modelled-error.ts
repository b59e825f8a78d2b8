import { shapeOf, type ServiceModel } from './service-model.js';
import { defineWireError, type WireErrorClass } from './wire-error.js';

/** Defines the wire error of an exception a model declares, with the status its awsQueryError trait gives (400 otherwise). */
export function modelledError(model: ServiceModel, name: string): WireErrorClass {
  if (!shapeOf(model, name)?.exception) throw new Error(`${model.metadata.serviceId} declares no exception ${name}`);
  return defineWireError(name, shapeOf(model, name)?.error?.httpStatusCode ?? 400);
}
