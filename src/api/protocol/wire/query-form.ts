import { MAX_INPUT_DEPTH } from '../parse-input.js';
import { shapeOf, type ModelShape, type ServiceModel, type ShapeRef } from '../service-model.js';
import { SerializationException } from '../wire-error.js';
import { define } from './shape-walk.js';
import { parseScalarText } from './values.js';

/** The parameters of a query protocol request, with every dotted prefix they hold, so walking them stays linear. */
export class QueryParams {
  private readonly values = new Map<string, string>();
  private readonly prefixes = new Set<string>();

  constructor(params: Iterable<[string, string]>) {
    for (const [key, value] of params) {
      const parts = key.split('.');
      // Each dotted part is a nesting level: the same cap as the JSON protocol's depth.
      if (parts.length > MAX_INPUT_DEPTH) throw new SerializationException(`The parameter name '${key.slice(0, 100)}...' nests deeper than ${MAX_INPUT_DEPTH} levels`);
      this.values.set(key, value);
      for (let i = 1; i <= parts.length; i++) this.prefixes.add(parts.slice(0, i).join('.'));
    }
  }

  /** The value of one parameter. */
  get(key: string): string | undefined {
    return this.values.get(key);
  }

  /** Whether any parameter is or starts with this dotted prefix. */
  has(prefix: string): boolean {
    return this.prefixes.has(prefix);
  }
}

/** Reads form parameters along a shape, under a dotted prefix, into the JSON form of the value. */
export function readQuery(model: ServiceModel, ref: ShapeRef, params: QueryParams, prefix: string, flattened = false): unknown {
  const shape = shapeOf(model, ref.shape);
  if (!shape) return undefined;
  if (shape.type === 'structure') return readStructure(model, shape, params, prefix);
  if (shape.type === 'list') return readList(model, shape, params, prefix, flattened);
  if (shape.type === 'map') return readMap(model, shape, params, prefix, flattened);
  const text = params.get(prefix);
  return text === undefined ? undefined : parseScalarText(shape, text, prefix);
}

function readStructure(model: ServiceModel, shape: ModelShape, params: QueryParams, prefix: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = shapeOf(model, ref.shape);
    const key = `${prefix ? `${prefix}.` : ''}${ref.locationName ?? name}`;
    if (!member || !params.has(key)) continue;
    const value = readQuery(model, ref, params, key, Boolean(ref.flattened ?? member.flattened));
    if (value !== undefined) define(out, name, value);
  }
  return prefix === '' || Object.keys(out).length ? out : undefined;
}

function readList(model: ServiceModel, shape: ModelShape, params: QueryParams, prefix: string, flattened: boolean): unknown[] {
  // `Names=` is how clients send an empty list.
  if (params.get(prefix) === '') return [];
  const base = flattened ? prefix : `${prefix}.${shape.member!.locationName ?? 'member'}`;
  const items: unknown[] = [];
  for (let i = 1; params.has(`${base}.${i}`); i++) items.push(readQuery(model, shape.member!, params, `${base}.${i}`));
  return items;
}

function readMap(model: ServiceModel, shape: ModelShape, params: QueryParams, prefix: string, flattened: boolean): Record<string, unknown> {
  const base = flattened ? prefix : `${prefix}.entry`;
  const keyName = shape.key!.locationName ?? 'key';
  const valueName = shape.value!.locationName ?? 'value';
  const out: Record<string, unknown> = {};
  for (let i = 1; params.has(`${base}.${i}`); i++) {
    const key = params.get(`${base}.${i}.${keyName}`);
    if (key !== undefined) define(out, key, readQuery(model, shape.value!, params, `${base}.${i}.${valueName}`));
  }
  return out;
}
