import { Readable } from 'node:stream';
import type { core } from 'zod';
import type { InputSchemas } from './input-schema.js';
import { SerializationException, ValidationException } from './wire-error.js';

/** How deep a request body may nest; far past any AWS input shape, and a bound on the recursion below. */
export const MAX_INPUT_DEPTH = 100;

/**
 * Removes JSON nulls, which the AWS JSON protocol treats as absent members. Keys are defined, not assigned, so a
 * `__proto__` member stays an ordinary member instead of replacing the object's prototype.
 */
function stripNulls(value: unknown, depth = 0): unknown {
  // Bytes and streams are a blob's value (non-JSON protocols hand blobs over as Buffers or unread streams), not structures to walk.
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Readable) return value;
  if (depth >= MAX_INPUT_DEPTH) {
    // wording inferred: Coral's parser refuses such bodies with a SerializationException.
    throw new SerializationException(`The request body nests deeper than ${MAX_INPUT_DEPTH} levels`);
  }
  if (Array.isArray(value)) return value.map((item) => stripNulls(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) Object.defineProperty(out, k, { value: stripNulls(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Formats a zod path the way Coral names members: lists as `<index from 1>.member`. */
export function coralPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `${p + 1}.member` : String(p))).join('.');
}

function isMissing(issue: core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
}

function describeTypeIssue(issue: core.$ZodIssue): string {
  const where = coralPath(issue.path) || 'the request body';
  // Only blobs are unions (base64 text or bytes); JSON clients send them as strings.
  if (issue.code === 'invalid_union') return `Value at '${where}' is not a valid string`;
  return issue.code === 'invalid_type'
    ? `Value at '${where}' is not a valid ${(issue as { expected: string }).expected}`
    : `Value at '${where}' could not be read: ${issue.message}`;
}

/**
 * Parses a request body against an operation's input shape, once, at the edge.
 * Wrong JSON types are a SerializationException; model constraints a Coral-style ValidationException.
 * `T` is the caller's word for what the schema checked: the HandlerInput of the shape's SDK type (the SDK is
 * generated from the same model); this is where a parse result gets its type, handlers never cast it.
 */
export function parseInput<T>(schemas: InputSchemas, shapeName: string | undefined, body: unknown): T {
  if (!shapeName) return {} as T;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SerializationException('Start of structure or map found where not expected: the request body must be a JSON object');
  }
  const result = schemas.forShape(shapeName).safeParse(stripNulls(body), { reportInput: true });
  if (result.success) return result.data as T;
  const issues = result.error.issues;
  const typeIssue = issues.find((i) => i.code !== 'custom' && !isMissing(i));
  if (typeIssue) throw new SerializationException(describeTypeIssue(typeIssue));
  const parts = issues.map((i) => {
    const phrase = isMissing(i) ? 'Member must not be null' : i.message;
    return `Value at '${coralPath(i.path)}' failed to satisfy constraint: ${phrase}`;
  });
  const count = `${parts.length} validation error${parts.length === 1 ? '' : 's'} detected`;
  throw new ValidationException(`${count}: ${parts.join('; ')}`);
}
