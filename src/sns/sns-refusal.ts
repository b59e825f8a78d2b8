/** Why SNS refuses a call, named by the exception the API answers with. */
export type SnsRefusalCode = 'NotFound' | 'InvalidParameter' | 'ParameterValueInvalid' | 'ResourceNotFound' | 'TagLimitExceeded';

/** A refusal of the SNS domain; api/sns maps each code to SNS's wire error in one place. */
export class SnsRefusal extends Error {
  constructor(
    readonly code: SnsRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnsRefusal';
  }
}

/** SNS's wording of a bad parameter: `Invalid parameter: <what>`. */
export function invalidParameter(what: string): SnsRefusal {
  return new SnsRefusal('InvalidParameter', `Invalid parameter: ${what}`);
}
