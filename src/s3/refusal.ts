/** The refusals of the S3 domain, named by S3's error codes; api/s3 maps each to its wire error and status. */
export type S3RefusalCode =
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'NoSuchVersion'
  | 'NoSuchUpload'
  | 'NoSuchTagSet'
  | 'BucketAlreadyOwnedByYou'
  | 'BucketNotEmpty'
  | 'InvalidBucketName'
  | 'KeyTooLongError'
  | 'InvalidArgument'
  | 'InvalidRequest'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'EntityTooSmall'
  | 'PreconditionFailed'
  | 'NotModified'
  | 'InvalidDigest'
  | 'BadDigest'
  | 'InvalidRange'
  | 'IncompleteBody'
  | 'MalformedXML'
  | 'MethodNotAllowed';

/** A request S3 would refuse: its code is S3's, its message says what was wrong. */
export class S3Refusal extends Error {
  constructor(
    readonly code: S3RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Builds the refusal of a code; a shorthand that keeps throw sites on one line. */
export function refuse(code: S3RefusalCode, message: string): S3Refusal {
  return new S3Refusal(code, message);
}
