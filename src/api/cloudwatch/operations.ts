import type { CloudWatch, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SdkOperations } from '../protocol/index.js';

/** CloudWatch's operations with the SDK's input and output types, which the handler table is checked against. */
export type CloudWatchOperations = SdkOperations<CloudWatch, CloudWatchClient>;
