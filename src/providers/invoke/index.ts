export { lambdaInvokeProvider, FunctionNotFoundError, codePipelineEvent, LAMBDA_JOB_TIMEOUT_MS, type LambdaInvokeDeps, type FunctionInvocation } from './lambda-invoke.js';
