import { defineWireError } from '../protocol/index.js';

// The CloudWatch exceptions the handlers raise, each with the status its model's awsQueryError trait gives; the query
// code (ResourceNotFound, InvalidParameterValue, ...) is taken from the same trait when the answer is written.

/** DeleteAlarms and SetAlarmState of an alarm that does not exist. */
export const ResourceNotFound = defineWireError('ResourceNotFound', 404);
/** TagResource, UntagResource and ListTagsForResource of a resource that does not exist. */
export const ResourceNotFoundException = defineWireError('ResourceNotFoundException', 404);
/** A member whose value CloudWatch does not accept (query code InvalidParameterValue). */
export const InvalidParameterValueException = defineWireError('InvalidParameterValueException');
/** Members that may not be given together (query code InvalidParameterCombination). */
export const InvalidParameterCombinationException = defineWireError('InvalidParameterCombinationException');
/** SetAlarmState's StateReasonData that is not JSON (query code InvalidFormat). */
export const InvalidFormatFault = defineWireError('InvalidFormatFault');
/** A NextToken this server did not issue. */
export const InvalidNextToken = defineWireError('InvalidNextToken');
/**
 * CloudWatch's answer to members that do not fit together (`DatapointsToAlarm must be less than or equal to
 * EvaluationPeriods`): the protocol's ValidationException, whose query code is ValidationError as users' reports show
 * it (newer SDKs model it so: ValidationException with the awsQueryError code ValidationError).
 */
export { ValidationException } from '../protocol/index.js';
