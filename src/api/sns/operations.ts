import type { SNS, SNSClient } from '@aws-sdk/client-sns';
import type { SdkOperations } from '../protocol/index.js';

/** SNS's operations with the SDK's input and output types, which the handler table is checked against. */
export type SnsOperations = SdkOperations<SNS, SNSClient>;
