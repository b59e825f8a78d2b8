import { NotificationsRefusal, type NotificationsRefusalCode } from '../../notifications/index.js';
import { mapRefusals, type WireErrorClass } from '../protocol/index.js';
import * as errors from './errors.js';

const TABLE: Record<NotificationsRefusalCode, WireErrorClass> = {
  ValidationException: errors.ValidationException,
  ResourceNotFoundException: errors.ResourceNotFoundException,
  ResourceAlreadyExistsException: errors.ResourceAlreadyExistsException,
  LimitExceededException: errors.LimitExceededException,
  ConfigurationException: errors.ConfigurationException,
};

/** Runs a rules domain call, turning its refusals into CodeStar Notifications' wire errors. */
export function rulesCall<T>(work: () => T): T {
  return mapRefusals(NotificationsRefusal, TABLE, work);
}

/** The InvalidNextTokenException of a token this server did not issue. */
export function invalidNextToken(): Error {
  return new errors.InvalidNextTokenException('The specified next token is not valid.'); // wording inferred
}

/** Reads the filters of a List call into one value list per filter name, refusing a name given twice with different values. */
export function filterValues<N extends string>(filters: { Name: N; Value: string }[] | undefined): Map<N, string> {
  const out = new Map<N, string>();
  for (const f of filters ?? []) {
    if (out.has(f.Name) && out.get(f.Name) !== f.Value) throw new errors.ValidationException(`Filter ${f.Name} is given more than once`); // wording inferred
    out.set(f.Name, f.Value);
  }
  return out;
}
