import type { XMLParser } from 'fast-xml-parser';
import { createRequire } from 'node:module';

/** An element of a parsed report file: attributes under `@_name`, children by name (always lists), text under `#text`. */
export type XmlElement = { [key: string]: unknown };

/** A report file that cannot be read as its format: the report becomes INCOMPLETE with this message. */
export class ReportParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportParseError';
  }
}

// Loaded on first use: only builds with reports need it.
const require = createRequire(import.meta.url);
let parser: XMLParser | undefined;
// Test reports nest suites, never this deep; deeper input is an attack on the parser's stack.
const MAX_DEPTH = 200;

function xmlParser(): XMLParser {
  const { XMLParser: Parser } = require('fast-xml-parser') as typeof import('fast-xml-parser');
  return (parser ??= new Parser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
    maxNestedTags: MAX_DEPTH,
  }));
}

/** Parses a report file's XML and returns its root element, which must be one of `roots`; a DOCTYPE is refused. */
export function parseReportXml(text: string, roots: readonly string[]): { name: string; element: XmlElement } {
  // Entities declared in a DOCTYPE could expand without bound; report writers never emit one.
  if (/<!DOCTYPE/i.test(text)) throw new ReportParseError('the report file holds a DOCTYPE declaration');
  let parsed: XmlElement;
  try {
    parsed = xmlParser().parse(text, true) as XmlElement;
  } catch (error) {
    throw new ReportParseError(`the report file is not well-formed XML: ${(error as Error).message.slice(0, 200)}`);
  }
  const name = Object.keys(parsed).find((key) => !key.startsWith('?'));
  if (name === undefined || !roots.includes(name)) {
    throw new ReportParseError(`the report file's root element is ${name ?? '(none)'}, expected ${roots.join(' or ')}`);
  }
  return { name, element: (parsed[name] as XmlElement[])[0] ?? {} };
}

/** The child elements of one name. */
export function children(element: XmlElement, name: string): XmlElement[] {
  const value = Object.hasOwn(element, name) ? element[name] : undefined;
  return Array.isArray(value) ? value.map((child) => (typeof child === 'object' && child !== null ? (child as XmlElement) : { '#text': String(child) })) : [];
}

/** An attribute's value, or undefined. */
export function attr(element: XmlElement, name: string): string | undefined {
  const value = element[`@_${name}`];
  return value === undefined ? undefined : String(value);
}

/** An attribute as a number, or `fallback` when absent or not a number. */
export function numberAttr(element: XmlElement, name: string, fallback = 0): number {
  const value = Number(attr(element, name));
  return Number.isFinite(value) ? value : fallback;
}

/** The element's own text, trimmed. */
export function text(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  const value = element['#text'];
  return (Array.isArray(value) ? value.join('') : value === undefined ? '' : String(value)).trim();
}

/** Every descendant element of one name, in document order (the element itself included). */
export function descendants(element: XmlElement, name: string, depth = 0): XmlElement[] {
  const found: XmlElement[] = [];
  if (depth > MAX_DEPTH) return found;
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('@_') || key === '#text' || !Array.isArray(value)) continue;
    for (const child of children(element, key)) {
      if (key === name) found.push(child);
      found.push(...descendants(child, name, depth + 1));
    }
  }
  return found;
}

/** Seconds (as test reports write durations) in nanoseconds. */
export function secondsToNanos(seconds: number): number {
  return Math.max(0, Math.round(seconds * 1e9));
}
