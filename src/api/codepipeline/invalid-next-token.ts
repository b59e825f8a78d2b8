import { InvalidNextTokenException } from './errors.js';

/** Builds the InvalidNextTokenException for a token this server did not issue. */
export function invalidNextToken(): Error {
  return new InvalidNextTokenException('The next token was invalid. Please retry the request without a next token.'); // wording inferred
}
