/** The Lambda exceptions the functions domain refuses with; api/lambda maps each to its wire error. */
export type LambdaRefusalCode =
  | 'ResourceNotFoundException'
  | 'ResourceConflictException'
  | 'InvalidParameterValueException'
  | 'PreconditionFailedException'
  | 'RequestTooLargeException'
  | 'InvalidRequestContentException'
  | 'ServiceException';

/** A domain refusal of a Lambda call, named by the AWS exception it becomes. */
export class LambdaRefusal extends Error {
  constructor(
    readonly code: LambdaRefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LambdaRefusal';
  }
}
