import type { CodePipeline, CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { SdkOperations } from '../protocol/index.js';

/** CodePipeline's operations with the SDK's input and output types, which the handler table is checked against. */
export type CodePipelineOperations = SdkOperations<CodePipeline, CodePipelineClient>;
