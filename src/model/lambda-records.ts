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
  /** A published version's number ("1", "2", ...); absent on $LATEST. */
  version?: string;
  /** The last version number published (kept on $LATEST: numbers are never reused, even after a version is deleted). */
  lastVersion?: number;
  /** On a version: the RevisionId $LATEST had when it was published (an unchanged function publishes no new version). */
  publishedFromRevisionId?: string;
}

/** A stored Lambda alias: a name pointing at a version, optionally sending a share of invocations to a second one. */
export interface LambdaAliasRecord {
  account: string;
  region: string;
  functionName: string;
  name: string;
  arn: string;
  functionVersion: string;
  description: string;
  /** AdditionalVersionWeights: version -> the share (0..1) of invocations it gets. */
  additionalVersionWeights?: Record<string, number>;
  revisionId: string;
}
