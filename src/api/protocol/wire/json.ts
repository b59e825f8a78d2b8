import type { ServiceModel } from '../service-model.js';
import { SerializationException, type WireError } from '../wire-error.js';
import { toDate } from './values.js';
import { queryCompatibleHeader } from './error-code.js';
import type { WireProtocol, WireRequest, WireResponse } from './wire-protocol.js';

/** The content type of a service's JSON protocol version (`application/x-amz-json-1.1`). */
function contentType(model: ServiceModel | undefined): string {
  return `application/x-amz-json-${model?.metadata.jsonVersion ?? '1.1'}`;
}

/** Reads a JSON body; an empty one is an empty structure. */
export function parseJsonBody(body: Buffer): unknown {
  const raw = body.toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new SerializationException(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Writes JSON with Dates as epoch seconds, the JSON protocol's timestamp form. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value ?? {}, function (key, v) {
    const raw = (this as Record<string, unknown>)[key];
    return raw instanceof Date ? toDate(raw).getTime() / 1000 : v;
  });
}

/** The JSON protocol (awsJson1_0 and 1_1): `POST /` with the operation named by `X-Amz-Target`. */
export const jsonProtocol: WireProtocol = {
  name: 'json',
  operationName(req: WireRequest) {
    const target = req.headers['x-amz-target'];
    return target === undefined ? undefined : target.slice(target.lastIndexOf('.') + 1);
  },
  parseInput: (req) => parseJsonBody(req.body),
  serializeOutput: (target, output) => ({ status: 200, headers: { 'content-type': contentType(target.model) }, body: stringifyJson(output) }),
  serializeError(error: WireError, model, _requestId): WireResponse {
    const headers = { 'content-type': contentType(model), 'x-amzn-errortype': error.errorName, ...queryCompatibleHeader(model, error) };
    return { status: error.httpStatus, headers, body: JSON.stringify({ __type: error.errorName, message: error.message }) };
  },
};
