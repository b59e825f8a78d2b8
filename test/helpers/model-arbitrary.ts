import fc from 'fast-check';
import type { ModelShape, ServiceModel } from '../../src/api/protocol/service-model.js';

/** Values no member should ever see: they stress the parser, the validators and every name that becomes a path. */
const HOSTILE_STRINGS = ['', ' ', '..', '../../../etc/passwd', '/', '\\', 'a\u0000b', '__proto__', 'constructor', 'toString', '%00', '<svg onload=alert(1)>', '😀\u202e\ud800', 'x'.repeat(70_000)];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', '', '..'];

/** A JSON value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Any JSON value of the wrong kind for a member: the mutations Coral's parser must turn into SerializationException. */
const wrongKind: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.string(), { maxKeys: 3 }),
  fc.constantFrom(nested(150), nested(5), [[[[[[]]]]]]),
);

const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/) },
);

/** Strings that satisfy a string shape's enum, pattern and length, so that inputs get past validation into the handlers. */
function validString(shape: ModelShape): fc.Arbitrary<string> {
  if (shape.enum) return fc.constantFrom(...shape.enum);
  const min = shape.min ?? 0;
  const max = Math.min(shape.max ?? 64, 64);
  const fits = (v: string) => v.length >= min && v.length <= (shape.max ?? Infinity);
  if (shape.pattern) {
    try {
      const re = new RegExp(`^(?:${shape.pattern})$`, /\\[pP]\{/.test(shape.pattern) ? 'u' : '');
      return fc.stringMatching(re).filter(fits);
    } catch {
      // A Java-only pattern: fall back to plain strings of the right length.
    }
  }
  return fc.string({ minLength: min, maxLength: Math.max(min, max) });
}

/**
 * Builds fast-check arbitraries of an operation's input from a botocore model: mostly well-typed values (so the
 * handlers run), with a share of hostile mutations in any member (wrong kinds, deep, huge, NUL, prototype keys).
 */
export class ModelArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<unknown>>();

  constructor(private readonly model: ServiceModel) {}

  /** The arbitrary of a named shape, `depth` levels below the input. */
  forShape(name: string, depth = 0): fc.Arbitrary<unknown> {
    const key = `${name}@${depth}`;
    let arb = this.cache.get(key);
    if (!arb) {
      arb = fc.oneof({ weight: 30, arbitrary: this.wellTyped(this.model.shapes[name], depth) }, { weight: 1, arbitrary: wrongKind });
      this.cache.set(key, arb);
    }
    return arb;
  }

  private wellTyped(shape: ModelShape, depth: number): fc.Arbitrary<unknown> {
    // Recursive shapes (rule conditions, nested configurations) stop at a depth the models never need.
    if (depth > 6) return fc.constant(undefined);
    switch (shape.type) {
      case 'structure':
        return this.structure(shape, depth);
      case 'string':
        return fc.oneof({ weight: 6, arbitrary: validString(shape) }, { weight: 1, arbitrary: anyString });
      case 'integer':
      case 'long':
        return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e300));
      case 'double':
      case 'float':
      case 'timestamp':
        return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e300));
      case 'boolean':
        return fc.boolean();
      case 'blob':
        return fc.base64String({ maxLength: 40 });
      case 'list':
        return fc.array(this.forShape(shape.member!.shape, depth + 1), { maxLength: 4 });
      case 'map':
        return fc.dictionary(fc.oneof(anyString, fc.constantFrom(...HOSTILE_KEYS)), this.forShape(shape.value!.shape, depth + 1), { maxKeys: 4 });
      default:
        return fc.constant(undefined);
    }
  }

  private structure(shape: ModelShape, depth: number): fc.Arbitrary<unknown> {
    const members: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) members[name] = this.forShape(ref.shape, depth + 1);
    const requiredKeys = (shape.required ?? []).filter((k) => k in members);
    return fc.record(members, { requiredKeys }).chain((value) =>
      // Now and then a member the model does not have, named like a prototype property.
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(value) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS).map((k) => withOwnKey(value as Record<string, unknown>, k, 'x')) },
      ),
    );
  }
}

/** A copy of an object with one more own member, even one named `__proto__`. */
function withOwnKey(value: Record<string, unknown>, key: string, member: unknown): Record<string, unknown> {
  const copy = { ...value };
  Object.defineProperty(copy, key, { value: member, enumerable: true, writable: true, configurable: true });
  return copy;
}
