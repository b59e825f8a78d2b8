import type { SnsMessageAttribute } from './envelope.js';
import { invalidParameter, SnsRefusal } from './sns-refusal.js';

/** The most a message (with its attributes) may weigh, in bytes: 256 KiB. */
export const MAX_MESSAGE_BYTES = 262_144;

/** What Publish was asked to send, before it becomes one message per subscription. */
export interface PublishRequest {
  message: string;
  subject?: string;
  messageStructure?: string;
  attributes: Record<string, SnsMessageAttribute>;
}

const DATA_TYPE = /^(String|Number|Binary|String\.Array)(\.[A-Za-z0-9_.-]+)?$/;
const ATTRIBUTE_NAME = /^(?!aws\.|amazon\.|\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/i;

function checkAttribute(name: string, a: SnsMessageAttribute): void {
  if (!ATTRIBUTE_NAME.test(name)) throw new SnsRefusal('ParameterValueInvalid', `The message attribute name '${name.slice(0, 256)}' is invalid.`); // wording inferred
  if (!DATA_TYPE.test(a.DataType)) throw new SnsRefusal('ParameterValueInvalid', `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
  const binary = a.DataType.startsWith('Binary');
  const value = binary ? a.BinaryValue : a.StringValue;
  if (value === undefined || value === '') {
    throw new SnsRefusal('ParameterValueInvalid', `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${a.DataType.split('.')[0]}'.`);
  }
  if (a.DataType.startsWith('Number') && (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(a.StringValue!) || !Number.isFinite(Number(a.StringValue)))) {
    throw new SnsRefusal('ParameterValueInvalid', `Could not cast message attribute '${name}' value to number.`);
  }
  if (a.DataType.startsWith('String.Array')) {
    try {
      if (!Array.isArray(JSON.parse(a.StringValue!))) throw new Error('not an array');
    } catch {
      throw new SnsRefusal('ParameterValueInvalid', `The message attribute '${name}' with type 'String.Array' must be an array.`); // wording inferred
    }
  }
}

/** Checks a Publish call's message, subject, structure and attributes as SNS does; returns the request to fan out. */
export function checkPublish(input: { Message: string; Subject?: string; MessageStructure?: string; MessageAttributes?: Record<string, SnsMessageAttribute> }): PublishRequest {
  if (input.Message === '') throw invalidParameter('Empty message');
  const attributes = input.MessageAttributes ?? {};
  Object.entries(attributes).forEach(([name, a]) => checkAttribute(name, a));
  const size = Buffer.byteLength(input.Message) + Object.entries(attributes).reduce((n, [k, a]) => n + k.length + a.DataType.length + (a.StringValue ?? a.BinaryValue ?? '').length, 0);
  if (size > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (input.Subject !== undefined) {
    if (input.Subject === '' || input.Subject.length >= 100 || !/^[\x20-\x7e]+$/.test(input.Subject)) throw invalidParameter('Subject');
  }
  if (input.MessageStructure !== undefined) {
    if (input.MessageStructure !== 'json') throw invalidParameter('MessageStructure'); // wording inferred
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.Message);
    } catch {
      throw invalidParameter('Message Structure - JSON message body failed to parse');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as Record<string, unknown>).default !== 'string') {
      throw invalidParameter('Message Structure - No default entry in JSON message body');
    }
  }
  return { message: input.Message, subject: input.Subject, messageStructure: input.MessageStructure, attributes };
}

/** The text a subscription of `protocol` receives: with MessageStructure `json`, its protocol's entry or the default. */
export function messageFor(request: PublishRequest, protocol: string): string {
  if (request.messageStructure !== 'json') return request.message;
  const bodies = JSON.parse(request.message) as Record<string, unknown>;
  const own = bodies[protocol];
  return typeof own === 'string' ? own : String(bodies.default);
}
