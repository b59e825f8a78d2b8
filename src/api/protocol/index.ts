export { AWS_CALL_CONSTRAINT, buildServer, type ServerDeps } from './server.js';
export { Dispatcher, InvalidAction, type CallGuard } from './dispatcher.js';
export {
  defineService,
  lazyServiceDefinition,
  lazyHandlers,
  type HandlerTable,
  serviceMetadata,
  type LazyModel,
  type ServiceDefinition,
  type ServiceHandlers,
  type SdkOperations,
  type OperationHandler,
  type OperationTypes,
  type ErasedHandler,
  type HandlerInput,
  type HandlerOutput,
  type NoOutput,
} from './service-definition.js';
export { Router, type Route, type HostedService } from './router.js';
export { callerArn, readRequestContext, signedCredential, scopeService, type RequestContext, type ContextDefaults, type CallerIdentity } from './request-context.js';
export { exceptionNames, modelProtocols, signingName, shapeOf, type ServiceModel, type ModelShape, type ModelOperation, type ShapeRef, type ProtocolName } from './service-model.js';
export { parseInput, coralPath } from './parse-input.js';
export { InputSchemas } from './input-schema.js';
export { modelledError } from './modelled-error.js';
export * from './wire-error.js';
export { HTTP_STATUS, type WireProtocol, type WireRequest, type WireResponse, type OperationTarget } from './wire/wire-protocol.js';
export { encodeNextToken, decodeNextToken, pageByOffset, type OffsetPage } from './next-token.js';
