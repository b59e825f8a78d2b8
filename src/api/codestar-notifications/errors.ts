import { defineWireError, ValidationException } from '../protocol/index.js';

// CodeStar Notifications' exceptions, with the status its model gives each.

/** CodeStar Notifications' ValidationException (400), the protocol layer's own class. */
export { ValidationException };
/** CodeStar Notifications' ResourceNotFoundException (404). */
export const ResourceNotFoundException = defineWireError('ResourceNotFoundException', 404);
/** CodeStar Notifications' ResourceAlreadyExistsException (409). */
export const ResourceAlreadyExistsException = defineWireError('ResourceAlreadyExistsException', 409);
/** CodeStar Notifications' LimitExceededException (400). */
export const LimitExceededException = defineWireError('LimitExceededException', 400);
/** CodeStar Notifications' ConfigurationException (400). */
export const ConfigurationException = defineWireError('ConfigurationException', 400);
/** CodeStar Notifications' InvalidNextTokenException (400). */
export const InvalidNextTokenException = defineWireError('InvalidNextTokenException', 400);
