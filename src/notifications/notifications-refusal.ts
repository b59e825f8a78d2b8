/** Why CodeStar Notifications refuses a call, named by the exception the API answers with. */
export type NotificationsRefusalCode = 'ValidationException' | 'ResourceNotFoundException' | 'ResourceAlreadyExistsException' | 'LimitExceededException' | 'ConfigurationException';

/** A refusal of the notification rules domain; api/codestar-notifications maps each code to its wire error. */
export class NotificationsRefusal extends Error {
  constructor(
    readonly code: NotificationsRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'NotificationsRefusal';
  }
}
