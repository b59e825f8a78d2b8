export * from './contract.js';
export { ProviderRegistry, type ProviderSource } from './registry.js';
export { manualApprovalProvider } from './approval/manual.js';
export { jobWorkerProvider, type JobWorkerDeps, type JobDispatch } from './job-worker/index.js';
export { lambdaInvokeProvider, codePipelineEvent, FunctionNotFoundError, type LambdaInvokeDeps, type FunctionInvocation } from './invoke/index.js';
export { succeedingStandIn } from './stand-in/index.js';
