import type { IAM, IAMClient } from '@aws-sdk/client-iam';
import type { SdkOperations } from '../protocol/index.js';

/** IAM's operations with the SDK's input and output types, which the handler table is checked against. */
export type IamOperations = SdkOperations<IAM, IAMClient>;
