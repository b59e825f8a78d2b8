import { shapeOf, type ServiceModel } from '../service-model.js';
import type { WireError } from '../wire-error.js';

/** How an error is named on a protocol that names it by code: the code, who is at fault, and the status. */
export interface ErrorCode {
  code: string;
  fault: 'Sender' | 'Receiver';
  status: number;
}

/**
 * The query codes of the protocol's own errors that query services spell otherwise: a failed model constraint is
 * `ValidationError` from CloudWatch, IAM and STS (`<Code>ValidationError</Code><Message>1 validation error detected: ...`).
 */
const QUERY_CODES: Record<string, string> = { ValidationException: 'ValidationError' };

/**
 * Names an error the way query-style protocols do: by the code of its model's awsQueryError trait when it has one
 * (SNS's NotFoundException is sent as `NotFound`), else by its own name.
 */
export function errorCode(model: ServiceModel | undefined, error: WireError): ErrorCode {
  const trait = model ? shapeOf(model, error.errorName)?.error : undefined;
  const status = error.httpStatus;
  const senderFault = trait?.senderFault ?? status < 500;
  // A model that declares an exception of that name (CodePipeline's own ValidationException) keeps it.
  const renamed = model && !shapeOf(model, error.errorName) && Object.hasOwn(QUERY_CODES, error.errorName) ? QUERY_CODES[error.errorName] : undefined;
  return { code: trait?.code ?? renamed ?? error.errorName, fault: senderFault ? 'Sender' : 'Receiver', status };
}

/** The `x-amzn-query-error` header JSON and CBOR answers of query-compatible services carry, so clients get the query code. */
export function queryCompatibleHeader(model: ServiceModel | undefined, error: WireError): Record<string, string> {
  if (!model?.metadata.awsQueryCompatible) return {};
  const { code, fault } = errorCode(model, error);
  return { 'x-amzn-query-error': `${code};${fault}` };
}

/** The member an exception's message travels under in a JSON-like body: `Message` where the model spells it so. */
export function messageMember(model: ServiceModel | undefined, error: WireError): string {
  const members = model ? shapeOf(model, error.errorName)?.members : undefined;
  return members && Object.hasOwn(members, 'Message') ? 'Message' : 'message';
}
