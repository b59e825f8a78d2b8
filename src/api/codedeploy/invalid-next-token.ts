import { InvalidNextTokenException } from './errors.js';

/** Builds the InvalidNextTokenException for a token this server did not issue. */
export function invalidNextToken(): Error {
  return new InvalidNextTokenException('The next token was specified in an invalid format.'); // the exception's documented description
}
