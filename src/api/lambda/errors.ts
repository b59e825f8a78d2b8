import { defineWireError, type WireErrorClass } from '../protocol/index.js';
import type { LambdaRefusalCode } from '../../lambda/index.js';

// One class per Lambda exception these operations raise, with the status of the service model.

/** Lambda's ResourceNotFoundException (404). */
export const ResourceNotFoundException = defineWireError('ResourceNotFoundException', 404);
/** Lambda's ResourceConflictException (409). */
export const ResourceConflictException = defineWireError('ResourceConflictException', 409);
/** Lambda's InvalidParameterValueException. */
export const InvalidParameterValueException = defineWireError('InvalidParameterValueException');
/** Lambda's PreconditionFailedException (412). */
export const PreconditionFailedException = defineWireError('PreconditionFailedException', 412);
/** Lambda's RequestTooLargeException (413). */
export const RequestTooLargeException = defineWireError('RequestTooLargeException', 413);
/** Lambda's InvalidRequestContentException. */
export const InvalidRequestContentException = defineWireError('InvalidRequestContentException');
/** Lambda's ServiceException (500). */
export const ServiceException = defineWireError('ServiceException', 500);

/** The wire error of each refusal of the Lambda domain. */
export const LAMBDA_REFUSALS: Record<LambdaRefusalCode, WireErrorClass> = {
  ResourceNotFoundException,
  ResourceConflictException,
  InvalidParameterValueException,
  PreconditionFailedException,
  RequestTooLargeException,
  InvalidRequestContentException,
  ServiceException,
};
