import { S3Refusal, type S3RefusalCode } from '../../s3/index.js';
import { defineWireError, modelledError, type WireErrorClass } from '../protocol/index.js';
import { s3Model } from './model.js';

let wireErrors: Record<S3RefusalCode, WireErrorClass> | undefined;

/**
 * S3's wire error of each domain refusal: the modelled ones with the model's status, the others with S3's documented one.
 * Made at the first refusal, so the S3 model is not parsed at the server's start.
 */
function s3WireErrors(): Record<S3RefusalCode, WireErrorClass> {
  if (wireErrors) return wireErrors;
  const model = s3Model();
  return (wireErrors = {
    NoSuchBucket: modelledError(model, 'NoSuchBucket'),
    NoSuchKey: modelledError(model, 'NoSuchKey'),
    NoSuchUpload: modelledError(model, 'NoSuchUpload'),
    BucketAlreadyOwnedByYou: modelledError(model, 'BucketAlreadyOwnedByYou'),
    InvalidRequest: modelledError(model, 'InvalidRequest'),
    NoSuchVersion: defineWireError('NoSuchVersion', 404),
    NoSuchTagSet: defineWireError('NoSuchTagSet', 404),
    BucketNotEmpty: defineWireError('BucketNotEmpty', 409),
    InvalidBucketName: defineWireError('InvalidBucketName', 400),
    KeyTooLongError: defineWireError('KeyTooLongError', 400),
    InvalidArgument: defineWireError('InvalidArgument', 400),
    InvalidPart: defineWireError('InvalidPart', 400),
    InvalidPartOrder: defineWireError('InvalidPartOrder', 400),
    EntityTooSmall: defineWireError('EntityTooSmall', 400),
    PreconditionFailed: defineWireError('PreconditionFailed', 412),
    NotModified: defineWireError('NotModified', 304),
    InvalidDigest: defineWireError('InvalidDigest', 400),
    BadDigest: defineWireError('BadDigest', 400),
    InvalidRange: defineWireError('InvalidRange', 416),
    IncompleteBody: defineWireError('IncompleteBody', 400),
    MalformedXML: defineWireError('MalformedXML', 400),
    MethodNotAllowed: defineWireError('MethodNotAllowed', 405),
  });
}

/** Runs an S3 handler and turns the domain's refusals into S3's wire errors, in this one place. */
export async function s3Call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof S3Refusal) throw new (s3WireErrors()[error.code])(error.message, { cause: error });
    throw error;
  }
}
