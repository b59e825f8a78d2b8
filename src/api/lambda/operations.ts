import type { Lambda, LambdaClient } from '@aws-sdk/client-lambda';
import type { SdkOperations } from '../protocol/index.js';

/** Lambda's operations with the SDK's input and output types, which the handler table is checked against. */
export type LambdaOperations = SdkOperations<Lambda, LambdaClient>;
