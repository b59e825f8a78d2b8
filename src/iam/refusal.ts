/** Why IAM refuses a request or an operation; the API layer names each as its service's wire error. */
export type IamRefusalCode =
  | 'MissingAuthentication'
  | 'IncompleteSignature'
  | 'UnknownKey'
  | 'BadSignature'
  | 'Skewed'
  | 'RequestExpired'
  | 'ExpiredToken'
  | 'AccessDenied'
  | 'NoSuchEntity'
  | 'EntityAlreadyExists'
  | 'MalformedPolicyDocument'
  | 'DeleteConflict'
  | 'InvalidInput'
  | 'LimitExceeded';

/** A refusal of the access-control domain: a code the API layer maps, and AWS's message. */
export class IamRefusal extends Error {
  constructor(readonly code: IamRefusalCode, message: string) {
    super(message);
    this.name = 'IamRefusal';
  }
}
