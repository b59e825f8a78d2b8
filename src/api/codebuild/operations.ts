import type { CodeBuild, CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { SdkOperations } from '../protocol/index.js';

/** CodeBuild's operations with the SDK's input and output types, which the handler table is checked against. */
export type CodeBuildOperations = SdkOperations<CodeBuild, CodeBuildClient>;
