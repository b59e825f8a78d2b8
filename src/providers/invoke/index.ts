export { lambdaInvokeProvider, codePipelineEvent, LAMBDA_JOB_TIMEOUT_MS, type LambdaInvokeDeps, type FunctionInvocation } from './lambda-invoke.js';
