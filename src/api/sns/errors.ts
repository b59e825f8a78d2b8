import { defineWireError } from '../protocol/index.js';

// The SNS exceptions this emulator raises, with the status of their awsQueryError trait; the query protocol sends
// each under its code (NotFoundException as `NotFound`).

/** SNS's NotFoundException (`NotFound`, 404). */
export const NotFoundException = defineWireError('NotFoundException', 404);
/** SNS's InvalidParameterException (`InvalidParameter`, 400). */
export const InvalidParameterException = defineWireError('InvalidParameterException', 400);
/** SNS's InvalidParameterValueException (`ParameterValueInvalid`, 400). */
export const InvalidParameterValueException = defineWireError('InvalidParameterValueException', 400);
/** SNS's ResourceNotFoundException (`ResourceNotFound`, 404). */
export const ResourceNotFoundException = defineWireError('ResourceNotFoundException', 404);
/** SNS's TagLimitExceededException (`TagLimitExceeded`, 400). */
export const TagLimitExceededException = defineWireError('TagLimitExceededException', 400);
