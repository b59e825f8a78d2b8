import { IamRefusal, type IamRefusalCode } from '../../iam/index.js';
import { defineWireError, mapRefusals, type WireErrorClass } from '../protocol/index.js';

// IAM's exceptions (their query codes come from the model's awsQueryError traits: NoSuchEntityException -> NoSuchEntity).

/** IAM's NoSuchEntityException (NoSuchEntity, 404). */
export const NoSuchEntityException = defineWireError('NoSuchEntityException', 404);
/** IAM's EntityAlreadyExistsException (EntityAlreadyExists, 409). */
export const EntityAlreadyExistsException = defineWireError('EntityAlreadyExistsException', 409);
/** IAM's MalformedPolicyDocumentException (MalformedPolicyDocument, 400). */
export const MalformedPolicyDocumentException = defineWireError('MalformedPolicyDocumentException', 400);
/** IAM's DeleteConflictException (DeleteConflict, 409). */
export const DeleteConflictException = defineWireError('DeleteConflictException', 409);
/** IAM's InvalidInputException (InvalidInput, 400). */
export const InvalidInputException = defineWireError('InvalidInputException', 400);
/** IAM's LimitExceededException (LimitExceeded, 409). */
export const LimitExceededException = defineWireError('LimitExceededException', 409);

/** The query services' refusals of a request's signature and of a call's permission, as IAM and STS answer them. */
export const AccessDenied = defineWireError('AccessDenied', 403);
/** A request without any signature (query services). */
export const MissingAuthenticationToken = defineWireError('MissingAuthenticationToken', 403);
/** A signature whose form is incomplete (query services). */
export const IncompleteSignature = defineWireError('IncompleteSignature', 403);
/** An access key id nobody has (query services). */
export const InvalidClientTokenId = defineWireError('InvalidClientTokenId', 403);
/** A signature that does not match, or was made too long ago (query services). */
export const SignatureDoesNotMatch = defineWireError('SignatureDoesNotMatch', 403);
/** A session token past its expiry (query services). */
export const ExpiredToken = defineWireError('ExpiredToken', 400);

/** How IAM and STS name each refusal of the access-control domain on the wire. */
export const QUERY_REFUSALS: Record<IamRefusalCode, WireErrorClass> = {
  MissingAuthentication: MissingAuthenticationToken,
  IncompleteSignature,
  UnknownKey: InvalidClientTokenId,
  BadSignature: SignatureDoesNotMatch,
  Skewed: SignatureDoesNotMatch,
  RequestExpired: AccessDenied,
  ExpiredToken,
  AccessDenied,
  NoSuchEntity: NoSuchEntityException,
  EntityAlreadyExists: EntityAlreadyExistsException,
  MalformedPolicyDocument: MalformedPolicyDocumentException,
  DeleteConflict: DeleteConflictException,
  InvalidInput: InvalidInputException,
  LimitExceeded: LimitExceededException,
};

/** Runs an IAM domain call, answering its refusals as IAM's errors. */
export function iamCall<T>(work: () => T): T {
  return mapRefusals(IamRefusal, QUERY_REFUSALS, work);
}
