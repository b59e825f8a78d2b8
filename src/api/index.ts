export { codePipelineService, triggerWebhook, type CodePipelineDeps, type JobWorkerDeps, type WebhookDeps } from './codepipeline/index.js';
export { modelOnlyService } from './model-only-service.js';
export { buildServer, Dispatcher, serviceMetadata, type CallGuard, type ServiceDefinition, type RequestContext } from './protocol/index.js';
export { s3Service, type S3Deps } from './s3/index.js';
export { cloudWatchService, type CloudWatchDeps } from './cloudwatch/index.js';
export { lambdaService, type LambdaDeps } from './lambda/index.js';
