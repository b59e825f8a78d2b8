import type { Decoder, Encoder } from 'cbor-x';
import { createRequire } from 'node:module';
import type { ModelShape, ShapeRef } from '../service-model.js';
import { SerializationException, type WireError } from '../wire-error.js';
import { queryCompatibleHeader } from './error-code.js';
import { walkShape, type LeafConverter, type ShapeWalk } from './shape-walk.js';
import { toBytes, toDate } from './values.js';
import type { OperationTarget, WireProtocol, WireRequest, WireResponse } from './wire-protocol.js';

const CBOR_TYPE = 'application/cbor';
const PROTOCOL_HEADER = { 'smithy-protocol': 'rpc-v2-cbor' };
const OPERATION_PATH = /\/service\/([^/]+)\/operation\/([^/?]+)$/;

// cbor-x is required on first use, not imported: only CBOR services need it, and the server's start would parse it.
const require = createRequire(import.meta.url);
let codec: { decoder: Decoder; encoder: Encoder } | undefined;

/** The CBOR decoder and encoder: records are a cbor-x extension no other client reads; byte strings stay untagged (major type 2). */
function cbor(): { decoder: Decoder; encoder: Encoder } {
  if (codec) return codec;
  const { Decoder: D, Encoder: E } = require('cbor-x') as typeof import('cbor-x');
  return (codec = { decoder: new D({ useRecords: false, mapsAsObjects: true }), encoder: new E({ useRecords: false, mapsAsObjects: true, tagUint8Array: false }) });
}

/** Timestamps arrive as tag 1 (epoch seconds), which cbor-x reads as Dates; handlers get epoch seconds. */
const readLeaf: LeafConverter = (shape: ModelShape, _ref: ShapeRef, value: unknown) =>
  shape.type === 'timestamp' && value instanceof Date ? value.getTime() / 1000 : value;

/** Timestamps leave as tag 1 (cbor-x writes Dates so), blobs as byte strings. */
const writeLeaf: LeafConverter = (shape: ModelShape, _ref: ShapeRef, value: unknown) => {
  if (shape.type === 'timestamp') return toDate(value);
  if (shape.type === 'blob') return toBytes(value);
  return value;
};

function walk(target: OperationTarget, direction: 'in' | 'out'): ShapeWalk {
  return { model: target.model, direction, leaf: direction === 'in' ? readLeaf : writeLeaf, useLocationNames: false };
}

/** Names the service and operation a Smithy RPC v2 path (`/service/<Service>/operation/<Operation>`) calls. */
export function rpcV2Path(path: string): { service: string; operation: string } | undefined {
  const match = OPERATION_PATH.exec(path);
  return match ? { service: decodeURIComponent(match[1]), operation: decodeURIComponent(match[2]) } : undefined;
}

function decode(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return cbor().decoder.decode(body);
  } catch (error) {
    // Deep nesting overflows the decoder's recursion: the same answer as any other unreadable body.
    throw new SerializationException(`The request body is not valid CBOR: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** Smithy RPC v2 CBOR (CloudWatch's current protocol): `POST /service/<S>/operation/<O>`, CBOR bodies, `__type` errors. */
export const rpcV2CborProtocol: WireProtocol = {
  name: 'smithy-rpc-v2-cbor',
  operationName: (req: WireRequest) => rpcV2Path(req.path)?.operation,
  parseInput(req, target) {
    const document = decode(req.body);
    return target.operation.input ? walkShape(walk(target, 'in'), target.operation.input, document) : document;
  },
  serializeOutput(target, output): WireResponse {
    const document = target.operation.output ? walkShape(walk(target, 'out'), target.operation.output, output ?? {}) : {};
    return { status: 200, headers: { 'content-type': CBOR_TYPE, ...PROTOCOL_HEADER }, body: Buffer.from(cbor().encoder.encode(document ?? {})) };
  },
  serializeError(error: WireError, model): WireResponse {
    const headers = { 'content-type': CBOR_TYPE, ...PROTOCOL_HEADER, ...queryCompatibleHeader(model, error) };
    return { status: error.httpStatus, headers, body: Buffer.from(cbor().encoder.encode({ __type: error.errorName, message: error.message })) };
  },
};
