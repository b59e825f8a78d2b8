import { JobRefusal, type JobRefusalCode } from '../../jobs/index.js';
import { mapRefusals, ValidationException, type WireErrorClass } from '../protocol/index.js';
import * as errors from './errors.js';

const WIRE: Record<JobRefusalCode, WireErrorClass> = {
  ActionTypeNotFoundException: errors.ActionTypeNotFoundException,
  ConcurrentModificationException: errors.ConcurrentModificationException,
  InvalidClientTokenException: errors.InvalidClientTokenException,
  InvalidJobException: errors.InvalidJobException,
  InvalidJobStateException: errors.InvalidJobStateException,
  InvalidNonceException: errors.InvalidNonceException,
  JobNotFoundException: errors.JobNotFoundException,
  LimitExceededException: errors.LimitExceededException,
  OutputVariablesSizeExceededException: errors.OutputVariablesSizeExceededException,
  ValidationException,
};

/** Runs a jobs-domain call and turns its refusals into AWS's wire errors: the one place they are mapped. */
export function callJobs<T>(work: () => T): T {
  return mapRefusals(JobRefusal, WIRE, work);
}
