/** The ways an engine control call can be refused; api/ maps each to AWS's exception in one place. */
export type EngineErrorCode =
  | 'PipelineNotFound'
  | 'PipelineExecutionNotFound'
  | 'PipelineExecutionNotStoppable'
  | 'DuplicatedStopRequest'
  | 'StageNotFound'
  | 'ActionNotFound'
  | 'StageNotRetryable'
  | 'NotLatestPipelineExecution'
  | 'Conflict'
  | 'PipelineExecutionOutdated'
  | 'UnableToRollbackStage'
  | 'ConditionNotOverridable'
  | 'InvalidApprovalToken'
  | 'ApprovalAlreadyCompleted'
  | 'Validation';

/** A refused engine call: a domain error with a code and a message for the user. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
