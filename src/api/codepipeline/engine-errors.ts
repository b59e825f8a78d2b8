import { EngineError, type EngineErrorCode } from '../../engine/index.js';
import { mapRefusals, ValidationException, type WireErrorClass } from '../protocol/index.js';
import * as errors from './errors.js';

const WIRE: Record<EngineErrorCode, WireErrorClass> = {
  PipelineNotFound: errors.PipelineNotFoundException,
  PipelineExecutionNotFound: errors.PipelineExecutionNotFoundException,
  PipelineExecutionNotStoppable: errors.PipelineExecutionNotStoppableException,
  DuplicatedStopRequest: errors.DuplicatedStopRequestException,
  StageNotFound: errors.StageNotFoundException,
  ActionNotFound: errors.ActionNotFoundException,
  StageNotRetryable: errors.StageNotRetryableException,
  NotLatestPipelineExecution: errors.NotLatestPipelineExecutionException,
  Conflict: errors.ConflictException,
  PipelineExecutionOutdated: errors.PipelineExecutionOutdatedException,
  UnableToRollbackStage: errors.UnableToRollbackStageException,
  ConditionNotOverridable: errors.ConditionNotOverridableException,
  InvalidApprovalToken: errors.InvalidApprovalTokenException,
  ApprovalAlreadyCompleted: errors.ApprovalAlreadyCompletedException,
  Validation: ValidationException,
};

/** Runs an engine call and turns its domain refusals into AWS's wire errors: the one place they are mapped. */
export function callEngine<T>(work: () => T): T {
  return mapRefusals(EngineError, WIRE, work);
}
