import { MAX_INPUT_DEPTH } from '../parse-input.js';
import { shapeOf, type ModelShape, type ServiceModel, type ShapeRef } from '../service-model.js';
import { SerializationException } from '../wire-error.js';

/** Converts one scalar between its wire form and the form handlers use. */
export type LeafConverter = (shape: ModelShape, ref: ShapeRef, value: unknown, where: string) => unknown;

/** Which way a walk goes: `in` reads wire names into member names, `out` writes member names as wire names. */
export type WalkDirection = 'in' | 'out';

/** What one walk over a JSON-like document (JSON or CBOR) needs. */
export interface ShapeWalk {
  model: ServiceModel;
  direction: WalkDirection;
  leaf: LeafConverter;
  /** Whether structure members travel under their `locationName` (rest-json) or their own name (CBOR). */
  useLocationNames: boolean;
}

/** The name a structure member travels under in a document. */
function wireName(walk: ShapeWalk, member: string, ref: ShapeRef): string {
  return walk.useLocationNames ? (ref.locationName ?? member) : member;
}

/**
 * Walks a JSON-like document along a shape, converting scalars with the walk's leaf converter and renaming members.
 * Values that do not fit the shape are passed through untouched, so validation names them; depth is capped.
 */
export function walkShape(walk: ShapeWalk, ref: ShapeRef, value: unknown, where = '', depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (depth >= MAX_INPUT_DEPTH) throw new SerializationException(`The request body nests deeper than ${MAX_INPUT_DEPTH} levels`);
  const shape = shapeOf(walk.model, ref.shape);
  if (!shape) return value;
  const isObject = typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
  if (shape.type === 'structure' && isObject) return walkStructure(walk, shape, value as Record<string, unknown>, where, depth);
  if (shape.type === 'list' && Array.isArray(value)) {
    return value.map((item, i) => walkShape(walk, shape.member!, item, `${where}.${i + 1}.member`, depth + 1));
  }
  if (shape.type === 'map' && isObject) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) define(out, k, walkShape(walk, shape.value!, v, `${where}.${k}`, depth + 1));
    return out;
  }
  if (shape.type === 'structure' || shape.type === 'list' || shape.type === 'map') return value;
  return walk.leaf(shape, ref, value, where.replace(/^\./, ''));
}

function walkStructure(walk: ShapeWalk, shape: ModelShape, value: Record<string, unknown>, where: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(shape.members ?? {})) {
    const from = walk.direction === 'in' ? wireName(walk, member, ref) : member;
    const to = walk.direction === 'in' ? member : wireName(walk, member, ref);
    if (!Object.hasOwn(value, from)) continue;
    define(out, to, walkShape(walk, ref, value[from], `${where}.${member}`, depth + 1));
  }
  return out;
}

/** Sets a key as an own data property, so a `__proto__` key stays an ordinary member. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
