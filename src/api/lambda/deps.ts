import type { LambdaFunctionRecord } from '../../model/index.js';
import type { AsyncInvocations, LambdaFunctions, LambdaInvoker } from '../../lambda/index.js';

/** What the Lambda API needs: the functions, the invoker, and the URL a function's code zip is served at. */
export interface LambdaDeps {
  functions: LambdaFunctions;
  invoker: LambdaInvoker;
  /** Event invocations, with Lambda's retries. */
  asyncInvocations: AsyncInvocations;
  codeUrl(fn: LambdaFunctionRecord): string;
  /** Reads a code zip from the emulator's S3 (Code.S3Bucket/S3Key); refuses with InvalidParameterValueException as Lambda does. */
  readS3Code(bucket: string, key: string, versionId?: string): Promise<Uint8Array>;
}
