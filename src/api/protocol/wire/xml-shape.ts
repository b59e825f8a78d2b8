import type { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { createRequire } from 'node:module';
import { MAX_INPUT_DEPTH } from '../parse-input.js';
import { shapeOf, type ModelShape, type ServiceModel, type ShapeRef } from '../service-model.js';
import { SerializationException } from '../wire-error.js';
import { define } from './shape-walk.js';
import { parseScalarText, scalarText, timestampFormatOf } from './values.js';

/** A parsed XML element: every child name maps to the list of its elements, text is a string. */
type XmlNode = string | { [name: string]: XmlNode[] };

// fast-xml-parser is required on first use, not imported: only XML services need it, and the server's start would parse it.
const require = createRequire(import.meta.url);
let xml: { parser: XMLParser; builder: XMLBuilder } | undefined;

/** The XML parser and builder: every element is parsed as a list, so flattened lists and single members read the same way. */
function xmlTools(): { parser: XMLParser; builder: XMLBuilder } {
  if (xml) return xml;
  const { XMLParser: Parser, XMLBuilder: Builder } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  return (xml = {
    parser: new Parser({ ignoreAttributes: true, parseTagValue: false, isArray: () => true, trimValues: false, maxNestedTags: MAX_INPUT_DEPTH }),
    builder: new Builder({ ignoreAttributes: false, suppressEmptyNode: false }),
  });
}

/** Parses an XML document into its root element's name and node; a DOCTYPE (entity expansion) is refused. */
export function parseXml(text: string): { root: string; node: XmlNode } | undefined {
  if (/<!DOCTYPE/i.test(text)) throw new SerializationException('The request body holds a DOCTYPE declaration, which is not accepted');
  let parsed: Record<string, XmlNode[]>;
  try {
    parsed = xmlTools().parser.parse(text, true);
  } catch (error) {
    throw new SerializationException(`The request body is not well-formed XML: ${(error as Error).message.slice(0, 200)}`);
  }
  const root = Object.keys(parsed).find((k) => !k.startsWith('?'));
  return root === undefined ? undefined : { root, node: parsed[root][0] };
}

/** Writes a builder tree as an XML document with its declaration. */
export function buildXml(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${xmlTools().builder.build(tree)}`;
}

function isFlattened(ref: ShapeRef, shape: ModelShape): boolean {
  return Boolean(ref.flattened ?? shape.flattened);
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node !== undefined && typeof node === 'object' && Object.hasOwn(node, name) ? node[name] : [];
}

/** Reads an XML element along a shape into the JSON form of its value. */
export function readXml(model: ServiceModel, ref: ShapeRef, node: XmlNode, where: string, depth = 0): unknown {
  if (depth >= MAX_INPUT_DEPTH) throw new SerializationException(`The request body nests deeper than ${MAX_INPUT_DEPTH} levels`);
  const shape = shapeOf(model, ref.shape);
  if (!shape) return undefined;
  if (shape.type === 'structure') {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const value = readMember(model, name, member, node, `${where ? `${where}.` : ''}${name}`, depth + 1);
      if (value !== undefined) define(out, name, value);
    }
    return out;
  }
  if (shape.type === 'list') return children(node, shape.member!.locationName ?? 'member').map((n, i) => readXml(model, shape.member!, n, `${where}.${i + 1}.member`, depth + 1));
  if (shape.type === 'map') return readEntries(model, shape, children(node, 'entry'), where, depth);
  return parseScalarText(shape, typeof node === 'string' ? node : '', where);
}

function readEntries(model: ServiceModel, shape: ModelShape, entries: XmlNode[], where: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of entries) {
    const key = children(entry, shape.key!.locationName ?? 'key')[0];
    const value = children(entry, shape.value!.locationName ?? 'value')[0];
    if (typeof key === 'string' && value !== undefined) define(out, key, readXml(model, shape.value!, value, `${where}.${key}`, depth + 1));
  }
  return out;
}

function readMember(model: ServiceModel, name: string, ref: ShapeRef, parent: XmlNode, where: string, depth: number): unknown {
  const shape = shapeOf(model, ref.shape);
  if (!shape) return undefined;
  const wire = ref.locationName ?? name;
  if (shape.type === 'list' && isFlattened(ref, shape)) {
    const items = children(parent, shape.member!.locationName ?? wire);
    return items.length ? items.map((n, i) => readXml(model, shape.member!, n, `${where}.${i + 1}.member`, depth + 1)) : undefined;
  }
  if (shape.type === 'map' && isFlattened(ref, shape)) {
    const entries = children(parent, wire);
    return entries.length ? readEntries(model, shape, entries, where, depth) : undefined;
  }
  const node = children(parent, wire)[0];
  return node === undefined ? undefined : readXml(model, ref, node, where, depth);
}

/** Writes a value along a shape as an XML builder node (text, or an object of child elements). */
export function writeXml(model: ServiceModel, ref: ShapeRef, value: unknown): unknown {
  const shape = shapeOf(model, ref.shape);
  if (!shape) return String(value);
  if (shape.type === 'structure') return writeStructure(model, shape, value as Record<string, unknown>);
  if (shape.type === 'list') return { [shape.member!.locationName ?? 'member']: (value as unknown[]).map((v) => writeXml(model, shape.member!, v)) };
  if (shape.type === 'map') return { entry: writeEntries(model, shape, value as Record<string, unknown>) };
  return scalarText(shape, value, timestampFormatOf(ref, shape, 'iso8601'));
}

function writeEntries(model: ServiceModel, shape: ModelShape, value: Record<string, unknown>): unknown[] {
  return Object.entries(value).map(([k, v]) => ({ [shape.key!.locationName ?? 'key']: k, [shape.value!.locationName ?? 'value']: writeXml(model, shape.value!, v) }));
}

/** Writes a structure's members as child elements, in model order, under their XML names. */
export function writeStructure(model: ServiceModel, shape: ModelShape, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = Object.hasOwn(value, name) ? value[name] : undefined;
    const member = shapeOf(model, ref.shape);
    if (v === undefined || v === null || !member || ref.location !== undefined) continue;
    const wire = ref.locationName ?? name;
    if (ref.xmlAttribute) out[`@_${wire}`] = writeXml(model, ref, v);
    else if (member.type === 'list' && isFlattened(ref, member)) out[member.member!.locationName ?? wire] = (v as unknown[]).map((item) => writeXml(model, member.member!, item));
    else if (member.type === 'map' && isFlattened(ref, member)) out[wire] = writeEntries(model, member, v as Record<string, unknown>);
    else out[wire] = writeXml(model, ref, v);
  }
  return out;
}
