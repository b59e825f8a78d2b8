/** The CodePipeline exceptions the job-worker and custom action type operations answer with. */
export type JobRefusalCode =
  | 'ActionTypeNotFoundException'
  | 'ConcurrentModificationException'
  | 'InvalidClientTokenException'
  | 'InvalidJobException'
  | 'InvalidJobStateException'
  | 'InvalidNonceException'
  | 'JobNotFoundException'
  | 'LimitExceededException'
  | 'OutputVariablesSizeExceededException'
  | 'ValidationException';

/** A refusal of the jobs domain, named by the CodePipeline exception the API answers it with. */
export class JobRefusal extends Error {
  constructor(
    readonly code: JobRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'JobRefusal';
  }
}
