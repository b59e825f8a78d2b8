import type { z } from 'zod';
import type { InputSchemas } from './input-schema.js';
import { SerializationException, ValidationException } from './wire-error.js';

/** Removes JSON nulls, which the AWS JSON protocol treats as absent members. */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
    return out;
  }
  return value;
}

/** Formats a zod path the way Coral names members: lists as `<index from 1>.member`. */
export function coralPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `${p + 1}.member` : String(p))).join('.');
}

function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
}

function describeTypeIssue(issue: z.core.$ZodIssue): string {
  const where = coralPath(issue.path) || 'the request body';
  return issue.code === 'invalid_type'
    ? `Value at '${where}' is not a valid ${(issue as { expected: string }).expected}`
    : `Value at '${where}' could not be read: ${issue.message}`;
}

/**
 * Parses a request body against an operation's input shape, once, at the edge.
 * Wrong JSON types are a SerializationException; model constraints a Coral-style ValidationException.
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
