export { LambdaRefusal, type LambdaRefusalCode } from './lambda-refusal.js';
export { SUPPORTED_RUNTIMES, findRuntime, type LambdaRuntime } from './runtimes.js';
export { FunctionCodeStore, ZIP_FILE_MAX_BYTES } from './function-code.js';
export { parseFunctionName, type FunctionSettings } from './function-settings.js';
export { LambdaFunctions, functionArn, type NewFunction } from './functions.js';
export { LambdaImage, LAMBDA_IMAGE, LAMBDA_IMAGE_DIR, sdkPackages } from './lambda-image.js';
export { LambdaInvoker, DEFAULT_WARM_MS, type InvocationResult, type InvokerDeps } from './invoker.js';
export { logTail } from './invocation-log.js';
export { AsyncInvocations, ASYNC_RETRY_DELAYS_MS, type AsyncInvocationDeps } from './async-invocations.js';
