import { defineWireError } from '../protocol/index.js';

// One class per CodePipeline exception that an operation of the service model can raise; all are client faults (HTTP 400).

/** CodePipeline's ActionExecutionNotFoundException. */
export const ActionExecutionNotFoundException = defineWireError('ActionExecutionNotFoundException');
/** CodePipeline's ActionNotFoundException. */
export const ActionNotFoundException = defineWireError('ActionNotFoundException');
/** CodePipeline's ActionTypeNotFoundException. */
export const ActionTypeNotFoundException = defineWireError('ActionTypeNotFoundException');
/** CodePipeline's ApprovalAlreadyCompletedException. */
export const ApprovalAlreadyCompletedException = defineWireError('ApprovalAlreadyCompletedException');
/** CodePipeline's ConcurrentModificationException. */
export const ConcurrentModificationException = defineWireError('ConcurrentModificationException');
/** CodePipeline's ConcurrentPipelineExecutionsLimitExceededException. */
export const ConcurrentPipelineExecutionsLimitExceededException = defineWireError('ConcurrentPipelineExecutionsLimitExceededException');
/** CodePipeline's ConditionNotOverridableException. */
export const ConditionNotOverridableException = defineWireError('ConditionNotOverridableException');
/** CodePipeline's ConflictException. */
export const ConflictException = defineWireError('ConflictException');
/** CodePipeline's DuplicatedStopRequestException. */
export const DuplicatedStopRequestException = defineWireError('DuplicatedStopRequestException');
/** CodePipeline's InvalidActionDeclarationException. */
export const InvalidActionDeclarationException = defineWireError('InvalidActionDeclarationException');
/** CodePipeline's InvalidApprovalTokenException. */
export const InvalidApprovalTokenException = defineWireError('InvalidApprovalTokenException');
/** CodePipeline's InvalidArnException. */
export const InvalidArnException = defineWireError('InvalidArnException');
/** CodePipeline's InvalidBlockerDeclarationException. */
export const InvalidBlockerDeclarationException = defineWireError('InvalidBlockerDeclarationException');
/** CodePipeline's InvalidClientTokenException. */
export const InvalidClientTokenException = defineWireError('InvalidClientTokenException');
/** CodePipeline's InvalidJobException. */
export const InvalidJobException = defineWireError('InvalidJobException');
/** CodePipeline's InvalidJobStateException. */
export const InvalidJobStateException = defineWireError('InvalidJobStateException');
/** CodePipeline's InvalidNextTokenException. */
export const InvalidNextTokenException = defineWireError('InvalidNextTokenException');
/** CodePipeline's InvalidNonceException. */
export const InvalidNonceException = defineWireError('InvalidNonceException');
/** CodePipeline's InvalidStageDeclarationException. */
export const InvalidStageDeclarationException = defineWireError('InvalidStageDeclarationException');
/** CodePipeline's InvalidStructureException. */
export const InvalidStructureException = defineWireError('InvalidStructureException');
/** CodePipeline's InvalidTagsException. */
export const InvalidTagsException = defineWireError('InvalidTagsException');
/** CodePipeline's InvalidWebhookAuthenticationParametersException. */
export const InvalidWebhookAuthenticationParametersException = defineWireError('InvalidWebhookAuthenticationParametersException');
/** CodePipeline's InvalidWebhookFilterPatternException. */
export const InvalidWebhookFilterPatternException = defineWireError('InvalidWebhookFilterPatternException');
/** CodePipeline's JobNotFoundException. */
export const JobNotFoundException = defineWireError('JobNotFoundException');
/** CodePipeline's LimitExceededException. */
export const LimitExceededException = defineWireError('LimitExceededException');
/** CodePipeline's NotLatestPipelineExecutionException. */
export const NotLatestPipelineExecutionException = defineWireError('NotLatestPipelineExecutionException');
/** CodePipeline's OutputVariablesSizeExceededException. */
export const OutputVariablesSizeExceededException = defineWireError('OutputVariablesSizeExceededException');
/** CodePipeline's PipelineExecutionNotFoundException. */
export const PipelineExecutionNotFoundException = defineWireError('PipelineExecutionNotFoundException');
/** CodePipeline's PipelineExecutionNotStoppableException. */
export const PipelineExecutionNotStoppableException = defineWireError('PipelineExecutionNotStoppableException');
/** CodePipeline's PipelineExecutionOutdatedException. */
export const PipelineExecutionOutdatedException = defineWireError('PipelineExecutionOutdatedException');
/** CodePipeline's PipelineNameInUseException. */
export const PipelineNameInUseException = defineWireError('PipelineNameInUseException');
/** CodePipeline's PipelineNotFoundException. */
export const PipelineNotFoundException = defineWireError('PipelineNotFoundException');
/** CodePipeline's PipelineVersionNotFoundException. */
export const PipelineVersionNotFoundException = defineWireError('PipelineVersionNotFoundException');
/** CodePipeline's RequestFailedException. */
export const RequestFailedException = defineWireError('RequestFailedException');
/** CodePipeline's ResourceNotFoundException. */
export const ResourceNotFoundException = defineWireError('ResourceNotFoundException');
/** CodePipeline's StageNotFoundException. */
export const StageNotFoundException = defineWireError('StageNotFoundException');
/** CodePipeline's StageNotRetryableException. */
export const StageNotRetryableException = defineWireError('StageNotRetryableException');
/** CodePipeline's TooManyTagsException. */
export const TooManyTagsException = defineWireError('TooManyTagsException');
/** CodePipeline's UnableToRollbackStageException. */
export const UnableToRollbackStageException = defineWireError('UnableToRollbackStageException');
/** CodePipeline's ValidationException. */
export const ValidationException = defineWireError('ValidationException');
/** CodePipeline's WebhookNotFoundException. */
export const WebhookNotFoundException = defineWireError('WebhookNotFoundException');

