import { shapeOf, type ShapeRef } from '../service-model.js';
import type { WireError } from '../wire-error.js';
import { bodyMembers, readHttpBindings, writeHttpBindings } from './http-bindings.js';
import { messageMember, queryCompatibleHeader } from './error-code.js';
import { parseJsonBody } from './json.js';
import { define, walkShape, type LeafConverter, type ShapeWalk } from './shape-walk.js';
import { formatTimestamp, parseTimestampText, timestampFormatOf, toBytes } from './values.js';
import type { OperationTarget, WireProtocol, WireRequest, WireResponse } from './wire-protocol.js';

const JSON_TYPE = 'application/json';

/** Body timestamps arrive as epoch seconds unless a member says otherwise; handlers get epoch seconds either way. */
const readLeaf: LeafConverter = (shape, _ref, value, where) =>
  shape.type === 'timestamp' && typeof value === 'string' ? parseTimestampText(value, where) : value;

const writeLeaf: LeafConverter = (shape, ref, value) => {
  if (shape.type === 'timestamp') return formatTimestamp(value, timestampFormatOf(ref, shape, 'unixTimestamp'));
  if (shape.type === 'blob') return toBytes(value).toString('base64');
  return value;
};

/** The member that is the whole body, and its reference, when the structure names one. */
function payloadOf(target: OperationTarget, shapeName: string | undefined): [string, ShapeRef] | undefined {
  const shape = shapeName ? shapeOf(target.model, shapeName) : undefined;
  return shape?.payload && shape.members?.[shape.payload] ? [shape.payload, shape.members[shape.payload]] : undefined;
}

/** Whether a payload member is raw bytes or text rather than a document. */
export function isRawPayload(target: OperationTarget, ref: ShapeRef): boolean {
  const type = shapeOf(target.model, ref.shape)?.type;
  return type === 'blob' || type === 'string';
}

function walk(target: OperationTarget, direction: 'in' | 'out'): ShapeWalk {
  return { model: target.model, direction, leaf: direction === 'in' ? readLeaf : writeLeaf, useLocationNames: true };
}

function parseInput(req: WireRequest, target: OperationTarget): unknown {
  const input = readHttpBindings(target, req);
  const shapeName = target.operation.input?.shape;
  if (!shapeName) return input;
  const payload = payloadOf(target, shapeName);
  if (payload && isRawPayload(target, payload[1])) {
    if (req.body.length) define(input, payload[0], shapeOf(target.model, payload[1].shape)?.type === 'blob' ? req.body : req.body.toString('utf8'));
    return input;
  }
  const document = parseJsonBody(req.body);
  if (payload) {
    if (req.body.length) define(input, payload[0], walkShape(walk(target, 'in'), payload[1], document, payload[0]));
    return input;
  }
  const members = walkShape(walk(target, 'in'), { shape: shapeName }, document);
  if (members === null || typeof members !== 'object' || Array.isArray(members)) return members;
  const bodyNames = new Set(bodyMembers(shapeOf(target.model, shapeName)!).map(([name]) => name));
  for (const [k, v] of Object.entries(members)) if (bodyNames.has(k)) define(input, k, v);
  return input;
}

function serializeOutput(target: OperationTarget, output: unknown): WireResponse {
  const bound = writeHttpBindings(target, (output ?? {}) as Record<string, unknown>);
  const payload = payloadOf(target, target.operation.output?.shape);
  if (payload && isRawPayload(target, payload[1])) {
    const value = bound.body[payload[0]];
    const body = value === undefined ? '' : typeof value === 'string' ? value : toBytes(value);
    return { status: bound.status, headers: { 'content-type': 'application/octet-stream', ...bound.headers }, body };
  }
  const document = payload
    ? walkShape(walk(target, 'out'), payload[1], bound.body[payload[0]] ?? {})
    : walkShape(walk(target, 'out'), { shape: target.operation.output?.shape ?? '' }, bound.body);
  return { status: bound.status, headers: { 'content-type': JSON_TYPE, ...bound.headers }, body: JSON.stringify(document ?? {}) };
}

/** The REST-JSON protocol (Lambda): `http` trait routes, bound headers and query string, a JSON body. */
export const restJsonProtocol: WireProtocol = {
  name: 'rest-json',
  parseInput,
  serializeOutput,
  serializeError(error: WireError, model): WireResponse {
    const headers = { 'content-type': JSON_TYPE, 'x-amzn-errortype': error.errorName, ...queryCompatibleHeader(model, error) };
    return { status: error.httpStatus, headers, body: JSON.stringify({ [messageMember(model, error)]: error.message }) };
  },
};
