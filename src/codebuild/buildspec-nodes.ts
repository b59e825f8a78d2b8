import type { LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { yaml } from '../shared/index.js';

/** Thrown while reading a buildspec's YAML tree; carries the message CodeBuild's YAML_FILE_ERROR context shows. */
export class BuildspecStructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildspecStructureError';
  }
}

/** Reads typed values out of a parsed buildspec tree and words its errors as CodeBuild does. */
export class BuildspecReader {
  private readonly lines: LineCounter;

  constructor(lines: LineCounter) {
    this.lines = lines;
  }

  /** The 1-based line a node starts on. */
  lineOf(node: Node | null | undefined): number {
    return node?.range ? this.lines.linePos(node.range[0]).line : 0;
  }

  /** The pairs of a mapping (empty for an absent or empty value); throws when the value is something else. */
  pairs(node: unknown, key: string): Pair<unknown, unknown>[] {
    if (isEmpty(node)) return [];
    if (yaml().isMap(node)) return (node as YAMLMap<unknown, unknown>).items;
    throw this.typeError(key, 'a map', node);
  }

  /** The values of a mapping by key (empty for an absent or empty value); throws when the value is something else. */
  fields(node: unknown, key: string): Map<string, unknown> {
    return new Map(this.pairs(node, key).map((pair) => [this.keyOf(pair), pair.value]));
  }

  /** A key of a mapping as text. */
  keyOf(pair: Pair<unknown, unknown>): string {
    return yaml().isScalar(pair.key) ? String(pair.key.value ?? '') : String(pair.key);
  }

  /** A scalar as its text, or `undefined` when absent or empty; throws for a map or list. */
  optionalString(node: unknown, key: string): string | undefined {
    if (isEmpty(node)) return undefined;
    if (yaml().isScalar(node)) return String(node.value);
    throw this.typeError(key, 'of string type', node);
  }

  /** `yes|no|true|false` (either case), as buildspecs spell booleans; `fallback` when absent. */
  flag(node: unknown, key: string, fallback: boolean): boolean {
    const text = this.optionalString(node, key)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['yes', 'true', 'y', 'on'].includes(text)) return true;
    if (['no', 'false', 'n', 'off'].includes(text)) return false;
    throw new BuildspecStructureError(`invalid value for ${key}: ${text} at line ${this.lineOf(node as Node)}, expected yes or no`);
  }

  /**
   * A list of strings; a single scalar counts as a one-item list where `scalarAllowed` says so.
   *
   * An item that YAML read as a mapping (a command holding `: `) gets CodeBuild's own wording:
   * `Expected Commands[0] to be of string type: found subkeys instead at line 6, value of the key tag on line 5 might be empty`.
   */
  stringList(node: unknown, field: string, scalarAllowed: boolean): string[] {
    if (isEmpty(node)) return [];
    if (yaml().isScalar(node)) {
      if (scalarAllowed) return [String(node.value)];
      throw new BuildspecStructureError(`Expected ${field} to be of array type: found string instead at line ${this.lineOf(node)}`);
    }
    if (!yaml().isSeq(node)) throw this.typeError(field, 'of array type', node);
    return node.items.map((item, index) => {
      if (yaml().isScalar(item)) return String(item.value ?? '');
      const line = this.lineOf(item as Node);
      if (yaml().isMap(item)) {
        throw new BuildspecStructureError(
          `Expected ${field}[${index}] to be of string type: found subkeys instead at line ${line}, value of the key tag on line ${line - 1} might be empty`,
        );
      }
      throw new BuildspecStructureError(`Expected ${field}[${index}] to be of string type: found a list instead at line ${line}`);
    });
  }

  /** A mapping of names to string values (env variables, runtime versions). */
  stringMap(node: unknown, key: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const pair of this.pairs(node, key)) {
      const name = this.keyOf(pair);
      out[name] = this.optionalString(pair.value, `${key}.${name}`) ?? '';
    }
    return out;
  }

  private typeError(key: string, expected: string, node: unknown): BuildspecStructureError {
    const found = yaml().isMap(node) ? 'subkeys' : yaml().isSeq(node) ? 'a list' : 'a string';
    return new BuildspecStructureError(
      `Expected ${key} to be ${expected}: found ${found} instead at line ${this.lineOf(node as Node)}`,
    );
  }
}

/** Whether a YAML value is absent or written empty (`commands:` with nothing after it). */
export function isEmpty(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  return yaml().isScalar(node) && (node.value === null || node.value === '' || node.value === '~' || node.value === 'null');
}
