import type { ModelShape, ShapeRef, TimestampFormat } from '../service-model.js';
import { SerializationException } from '../wire-error.js';

/** Reads a timestamp a handler returned (a Date, epoch seconds or an ISO string) as a Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  return new Date(String(value));
}

/** Writes a timestamp in one of botocore's formats. */
export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = toDate(value);
  if (format === 'unixTimestamp') return date.getTime() / 1000;
  if (format === 'rfc822') return date.toUTCString();
  return date.toISOString();
}

/** The format of a timestamp member: its own trait, its shape's, or the protocol's default for where it travels. */
export function timestampFormatOf(ref: ShapeRef | undefined, shape: ModelShape | undefined, fallback: TimestampFormat): TimestampFormat {
  return ref?.timestampFormat ?? shape?.timestampFormat ?? fallback;
}

/** Reads a timestamp sent as text (ISO 8601, HTTP date or epoch seconds) as epoch seconds, the JSON form handlers get. */
export function parseTimestampText(text: string, where: string): number {
  const ms = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(ms)) throw new SerializationException(`Value at '${where}' is not a valid timestamp: ${text.slice(0, 64)}`);
  return ms / 1000;
}

/** Encodes a blob a handler returned (bytes, or base64 text as the JSON protocol keeps them) as bytes. */
export function toBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return Buffer.from(String(value), 'base64');
}

/**
 * Turns the text of a scalar (a query parameter, XML text, a header) into the JSON form of its shape. Text that is
 * not a number or boolean stays text, so validation names the member and the type it should have had.
 */
export function parseScalarText(shape: ModelShape, text: string, where: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'timestamp':
      return parseTimestampText(text, where);
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

/** Writes a scalar member as text, for query, XML and header serialisation. */
export function scalarText(shape: ModelShape, value: unknown, timestampFormat: TimestampFormat): string {
  if (shape.type === 'timestamp') return String(formatTimestamp(value, timestampFormat));
  if (shape.type === 'blob') return toBytes(value).toString('base64');
  return String(value);
}
