import { lazyAwsModel, type AwsServiceName } from '../model/index.js';
import { lazyServiceDefinition, type LazyModel, type ServiceDefinition } from './protocol/index.js';

/** A hosted service with no operations yet: its calls get NotImplementedException naming the operation. */
export function modelOnlyService(name: AwsServiceName): ServiceDefinition {
  return lazyServiceDefinition(lazyAwsModel(name) as LazyModel, {});
}
