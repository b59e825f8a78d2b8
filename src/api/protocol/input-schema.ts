import { Readable } from 'node:stream';
// Named imports, not the `z` namespace: a bundle then carries only these schema kinds instead of all of zod (its
// locales, JSON Schema conversion, ...), about 440 KB less JavaScript for every `serve` to compile at start.
import { array, boolean, instanceof as instanceOf, lazy, number, object, record, string, union, unknown, type RefinementCtx, type ZodType } from 'zod';
import type { ModelShape, ServiceModel } from './service-model.js';

/** A zod schema built from a model shape; refinement issues carry Coral phrases in `params.coral`. */
export type InputSchema = ZodType<unknown>;

type Ctx = RefinementCtx;

function coral(ctx: Ctx, phrase: string): void {
  ctx.addIssue({ code: 'custom', message: phrase, params: { coral: true } });
}

function compilePattern(pattern: string): RegExp | undefined {
  // Model patterns are Java regexes matched against the whole value.
  // Unicode property escapes (\p{L}) only mean something with the u flag.
  for (const flags of /\\[pP]\{/.test(pattern) ? ['u', ''] : ['', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      /* try the next flag set */
    }
  }
  return undefined;
}

function lengthPhrases(shape: ModelShape, length: number): string[] {
  const out: string[] = [];
  if (shape.max !== undefined && length > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
  if (shape.min !== undefined && length < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
  return out;
}

function stringPhrases(shape: ModelShape, value: string): string[] {
  const out = lengthPhrases(shape, value.length);
  if (shape.enum && !shape.enum.includes(value)) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  const re = shape.pattern ? compilePattern(shape.pattern) : undefined;
  if (re && !re.test(value)) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  return out;
}

/** Every constraint of a shape: Coral names them all when any is broken inside a map. */
function allPhrases(shape: ModelShape): string[] {
  const out: string[] = [];
  if (shape.max !== undefined) out.push(`Member must have length less than or equal to ${shape.max}`);
  if (shape.min !== undefined) out.push(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.enum) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  if (shape.pattern) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  return out;
}

function numberPhrases(shape: ModelShape, value: number): string[] {
  const out: string[] = [];
  if (shape.max !== undefined && value > shape.max) out.push(`Member must have value less than or equal to ${shape.max}`);
  if (shape.min !== undefined && value < shape.min) out.push(`Member must have value greater than or equal to ${shape.min}`);
  return out;
}

/** Builds and caches the zod schemas of one service model's shapes. */
export class InputSchemas {
  private readonly cache = new Map<string, InputSchema>();

  constructor(private readonly model: ServiceModel) {}

  /** Returns the schema of a named shape. */
  forShape(name: string): InputSchema {
    const cached = this.cache.get(name);
    if (cached) return cached;
    // A lazy placeholder keeps recursive shapes finite.
    this.cache.set(name, lazy(() => this.forShape(name)));
    const built = this.build(this.model.shapes[name]);
    this.cache.set(name, built);
    return built;
  }

  private build(shape: ModelShape): InputSchema {
    switch (shape.type) {
      case 'structure':
        return this.structure(shape);
      case 'string':
        return string().superRefine((v, ctx) => stringPhrases(shape, v).forEach((p) => coral(ctx, p)));
      case 'integer':
      case 'long':
        return number().int().superRefine((v, ctx) => numberPhrases(shape, v).forEach((p) => coral(ctx, p)));
      case 'double':
      case 'float':
      case 'timestamp':
        return number();
      case 'boolean':
        return boolean();
      case 'blob':
        // Base64 text in the JSON protocols, bytes in the others, an unread stream for a streaming payload.
        return union([string(), instanceOf(Uint8Array), instanceOf(Readable)]);
      case 'list':
        return array(this.forShape(shape.member!.shape)).superRefine((v, ctx) => lengthPhrases(shape, v.length).forEach((p) => coral(ctx, p)));
      case 'map':
        return this.map(shape);
      default:
        return unknown();
    }
  }

  private structure(shape: ModelShape): InputSchema {
    const required = new Set(shape.required ?? []);
    const members: Record<string, InputSchema> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const schema = this.forShape(ref.shape);
      members[name] = required.has(name) ? schema : schema.optional();
    }
    return object(members);
  }

  private map(shape: ModelShape): InputSchema {
    const keyShape = this.model.shapes[shape.key!.shape];
    const valueShape = this.model.shapes[shape.value!.shape];
    const valueSchema = valueShape.type === 'string' ? string() : this.forShape(shape.value!.shape);
    return record(string(), valueSchema).superRefine((v, ctx) => {
      const entries = Object.entries(v);
      lengthPhrases(shape, entries.length).forEach((p) => coral(ctx, p));
      if (entries.some(([k]) => stringPhrases(keyShape, k).length)) coral(ctx, `Map keys must satisfy constraint: [${allPhrases(keyShape).join(', ')}]`);
      if (valueShape.type !== 'string') return;
      if (entries.some(([, val]) => stringPhrases(valueShape, val as string).length)) {
        coral(ctx, `Map value must satisfy constraint: [${allPhrases(valueShape).join(', ')}]`);
      }
    });
  }
}
