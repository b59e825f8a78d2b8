import { Readable } from 'node:stream';
import { shapeOf, type ServiceModel, type ShapeRef } from '../service-model.js';
import type { WireError } from '../wire-error.js';
import { errorCode } from './error-code.js';
import { bodyMembers, readHttpBindings, writeHttpBindings } from './http-bindings.js';
import { isRawPayload } from './rest-json.js';
import { define } from './shape-walk.js';
import { toBytes } from './values.js';
import { buildXml, parseXml, readXml, writeStructure, writeXml } from './xml-shape.js';
import type { OperationTarget, WireProtocol, WireRequest, WireResponse } from './wire-protocol.js';

const XML_TYPE = 'application/xml';

function namespace(model: ServiceModel, ref?: ShapeRef): Record<string, string> {
  const ns = ref?.xmlNamespace ?? model.metadata.xmlNamespace;
  if (ns === undefined) return {};
  return typeof ns === 'string' ? { '@_xmlns': ns } : { [ns.prefix ? `@_xmlns:${ns.prefix}` : '@_xmlns']: ns.uri };
}

function parseInput(req: WireRequest, target: OperationTarget): unknown {
  const { model, operation } = target;
  const input = readHttpBindings(target, req);
  const shape = operation.input ? shapeOf(model, operation.input.shape) : undefined;
  const payload = shape?.payload && shape.members?.[shape.payload] ? shape.members[shape.payload] : undefined;
  // A streaming payload is handed over unread, so an object body is never held in memory whole.
  if (payload?.streaming && req.bodyStream) {
    define(input, shape!.payload!, req.bodyStream);
    return input;
  }
  if (!shape || req.body.length === 0) return input;
  if (payload && isRawPayload(target, payload)) {
    define(input, shape.payload!, shapeOf(model, payload.shape)?.type === 'blob' ? req.body : req.body.toString('utf8'));
    return input;
  }
  const document = parseXml(req.body.toString('utf8'));
  if (!document) return input;
  if (payload) {
    define(input, shape.payload!, readXml(model, payload, document.node, shape.payload!));
    return input;
  }
  const members = readXml(model, operation.input!, document.node, '') as Record<string, unknown>;
  for (const [name] of bodyMembers(shape)) if (Object.hasOwn(members, name)) define(input, name, members[name]);
  return input;
}

function serializeOutput(target: OperationTarget, output: unknown, ctx: { requestId: string }): WireResponse {
  const { model, operation } = target;
  const bound = writeHttpBindings(target, (output ?? {}) as Record<string, unknown>);
  // S3 clients read their request id from x-amz-request-id.
  bound.headers['x-amz-request-id'] = ctx.requestId;
  const shape = operation.output ? shapeOf(model, operation.output.shape) : undefined;
  const payload = shape?.payload && shape.members?.[shape.payload] ? shape.members[shape.payload] : undefined;
  if (payload && isRawPayload(target, payload)) {
    const value = bound.body[shape!.payload!];
    const body = value === undefined ? '' : typeof value === 'string' || value instanceof Readable ? value : toBytes(value);
    return { status: bound.status, headers: { 'content-type': 'application/octet-stream', ...bound.headers }, body };
  }
  if (payload) {
    const value = bound.body[shape!.payload!];
    if (value === undefined) return { status: bound.status, headers: bound.headers, body: '' };
    const root = payload.locationName ?? payload.shape;
    const node = { ...namespace(model, payload), ...(writeXml(model, payload, value) as Record<string, unknown>) };
    return { status: bound.status, headers: { 'content-type': XML_TYPE, ...bound.headers }, body: buildXml({ [root]: node }) };
  }
  if (!shape || Object.keys(bound.body).length === 0) return { status: bound.status, headers: bound.headers, body: '' };
  const root = shape.locationName ?? operation.output!.shape;
  const node = { ...namespace(model, operation.output), ...writeStructure(model, shape, bound.body) };
  return { status: bound.status, headers: { 'content-type': XML_TYPE, ...bound.headers }, body: buildXml({ [root]: node }) };
}

/** The REST-XML protocol (S3): `http` trait routes, bound headers and query string, XML or raw payloads, `<Error><Code>` errors. */
export const restXmlProtocol: WireProtocol = {
  name: 'rest-xml',
  parseInput,
  serializeOutput,
  serializeError(error: WireError, model, requestId): WireResponse {
    const { code, status } = errorCode(model, error);
    const body = buildXml({ Error: { Code: code, Message: error.message, RequestId: requestId } });
    return { status, headers: { 'content-type': XML_TYPE, 'x-amz-request-id': requestId }, body };
  },
};
