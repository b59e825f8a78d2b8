import { shapeOf, type ModelShape, type ServiceModel, type ShapeRef } from '../service-model.js';
import { matchUri } from './uri-template.js';
import { parseScalarText, scalarText, timestampFormatOf } from './values.js';
import { HTTP_STATUS, type OperationTarget, type WireRequest } from './wire-protocol.js';
import { define } from './shape-walk.js';

/** The members of a structure that travel in the body rather than the URI, query string, headers or status. */
export function bodyMembers(shape: ModelShape): [string, ShapeRef][] {
  return Object.entries(shape.members ?? {}).filter(([, ref]) => ref.location === undefined);
}

function readList(model: ServiceModel, shape: ModelShape, values: string[], where: string): unknown[] {
  const member = shapeOf(model, shape.member!.shape)!;
  return values.map((v, i) => parseScalarText(member, v.trim(), `${where}.${i + 1}.member`));
}

function readQuery(model: ServiceModel, shape: ModelShape, ref: ShapeRef, name: string, req: WireRequest, routing: string[]): unknown {
  if (shape.type === 'map') {
    const out: Record<string, unknown> = {};
    // A query-string map takes every parameter no other member or the route claims.
    for (const [k, v] of req.query) if (!routing.includes(k)) define(out, k, v);
    return Object.keys(out).length ? out : undefined;
  }
  const key = ref.locationName ?? name;
  if (!req.query.has(key)) return undefined;
  if (shape.type === 'list') return readList(model, shape, req.query.getAll(key), name);
  return parseScalarText(shape, req.query.get(key)!, name);
}

function readHeader(model: ServiceModel, shape: ModelShape, ref: ShapeRef, name: string, req: WireRequest): unknown {
  if (ref.location === 'headers') {
    const prefix = (ref.locationName ?? '').toLowerCase();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix) && v !== undefined) define(out, k.slice(prefix.length), v);
    return Object.keys(out).length ? out : undefined;
  }
  const text = req.headers[(ref.locationName ?? name).toLowerCase()];
  if (text === undefined) return undefined;
  if (shape.type === 'list') return readList(model, shape, text.split(','), name);
  if (shape.type === 'string' && ref.jsonvalue) return Buffer.from(text, 'base64').toString('utf8');
  return parseScalarText(shape, text, name);
}

/** Reads the members an operation's input binds to its URI labels, query string and headers. */
export function readHttpBindings(target: OperationTarget, req: WireRequest): Record<string, unknown> {
  const { model, operation } = target;
  const input = operation.input ? shapeOf(model, operation.input.shape) : undefined;
  const out: Record<string, unknown> = {};
  if (!input || !operation.http) return out;
  const labels = matchUri(operation.http.requestUri, target.path, req.query) ?? {};
  const claimed = Object.entries(input.members ?? {})
    .filter(([, ref]) => ref.location === 'querystring' && shapeOf(model, ref.shape)?.type !== 'map')
    .map(([name, ref]) => ref.locationName ?? name);
  const routing = [...claimed, ...(operation.http.requestUri.split('?')[1]?.split('&').map((p) => p.split('=')[0]) ?? [])];
  for (const [name, ref] of Object.entries(input.members ?? {})) {
    const shape = shapeOf(model, ref.shape);
    if (!shape || ref.location === undefined) continue;
    let value: unknown;
    if (ref.location === 'uri') {
      const label = labels[ref.locationName ?? name];
      value = label === undefined ? undefined : parseScalarText(shape, label, name);
    } else if (ref.location === 'querystring') value = readQuery(model, shape, ref, name, req, routing);
    else if (ref.location === 'header' || ref.location === 'headers') value = readHeader(model, shape, ref, name, req);
    if (value !== undefined) define(out, name, value);
  }
  return out;
}

/** What an output's HTTP bindings say: its status, its headers, and the members left for the body. */
export interface BoundOutput {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Splits an operation's output into its status code, its header members and its body members. */
export function writeHttpBindings(target: OperationTarget, output: Record<string, unknown>): BoundOutput {
  const { model, operation } = target;
  const shape = operation.output ? shapeOf(model, operation.output.shape) : undefined;
  const override = (output as { [HTTP_STATUS]?: number })[HTTP_STATUS];
  const bound: BoundOutput = { status: override ?? operation.http?.responseCode ?? 200, headers: {}, body: {} };
  for (const [name, value] of Object.entries(output)) {
    const ref = shape?.members?.[name];
    const member = ref ? shapeOf(model, ref.shape) : undefined;
    if (!ref || !member || value === undefined || value === null) continue;
    if (ref.location === 'statusCode') bound.status = Number(value);
    else if (ref.location === 'header') {
      const text = member.type === 'list' ? (value as unknown[]).map(String).join(',') : scalarText(member, value, timestampFormatOf(ref, member, 'rfc822'));
      bound.headers[(ref.locationName ?? name).toLowerCase()] = ref.jsonvalue ? Buffer.from(text).toString('base64') : text;
    } else if (ref.location === 'headers') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) bound.headers[`${ref.locationName ?? ''}${k}`.toLowerCase()] = String(v);
    } else if (ref.location === undefined) define(bound.body, name, value);
  }
  return bound;
}
