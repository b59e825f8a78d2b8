export { buildServer, type ServerDeps } from './server.js';
export { Dispatcher, type ServiceDefinition, type OperationHandler, type DispatchResult } from './dispatcher.js';
export { readRequestContext, type RequestContext, type ContextDefaults } from './request-context.js';
export { exceptionNames, type ServiceModel, type ModelShape, type ModelOperation } from './service-model.js';
export { parseInput, coralPath } from './parse-input.js';
export { InputSchemas } from './input-schema.js';
export * from './wire-error.js';
export { encodeNextToken, decodeNextToken, pageByOffset, type OffsetPage } from './next-token.js';
