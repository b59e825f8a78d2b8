import { loadAwsModel, type AwsServiceName } from '../model/index.js';
import type { ServiceDefinition, ServiceModel } from './protocol/index.js';

/** A hosted service with no operations yet: its calls get NotImplementedException naming the operation. */
export function modelOnlyService(name: AwsServiceName): ServiceDefinition {
  return { model: loadAwsModel(name) as ServiceModel, handlers: {} };
}
