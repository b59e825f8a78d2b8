/** A Lambda function as the emulator keeps it ($LATEST only): its configuration and the digest of its code zip. */
export interface LambdaFunctionRecord {
  account: string;
  region: string;
  name: string;
  arn: string;
  runtime: string;
  role: string;
  handler: string;
  description: string;
  /** Seconds. */
  timeout: number;
  /** MB. */
  memorySize: number;
  environment?: Record<string, string>;
  /** The base64 SHA-256 of the code zip, as Lambda's CodeSha256; the zip is stored under this digest. */
  codeSha256: string;
  codeSize: number;
  lastModifiedMs: number;
  revisionId: string;
  tags?: Record<string, string>;
}
