import { SnsRefusal, type SnsRefusalCode } from '../../sns/index.js';
import { mapRefusals, type WireErrorClass } from '../protocol/index.js';
import * as errors from './errors.js';

const TABLE: Record<SnsRefusalCode, WireErrorClass> = {
  NotFound: errors.NotFoundException,
  InvalidParameter: errors.InvalidParameterException,
  ParameterValueInvalid: errors.InvalidParameterValueException,
  ResourceNotFound: errors.ResourceNotFoundException,
  TagLimitExceeded: errors.TagLimitExceededException,
};

/** Runs an SNS domain call, turning its refusals into SNS's wire errors. */
export function snsCall<T>(work: () => T): T {
  return mapRefusals(SnsRefusal, TABLE, work);
}

/** The InvalidParameter a NextToken we did not issue gets. */
export function invalidNextToken(): Error {
  return new errors.InvalidParameterException('Invalid parameter: NextToken'); // wording inferred
}
