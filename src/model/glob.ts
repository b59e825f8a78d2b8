/**
 * Glob patterns with the syntax of Java NIO's `FileSystem.getPathMatcher("glob:...")`, which CodePipeline uses for
 * the branch, tag and file-path filters of V2 triggers: `*` matches within one path segment, `**` across `/`,
 * `?` one character other than `/`, `[abc]` / `[a-z]` / `[!a-c]` one character of a set (never `/`), `{a,b}`
 * one of several sub-patterns (not nested), and `\` escapes the next character.
 */

/** Thrown for a pattern Java would refuse (PatternSyntaxException), with its reason and position. */
export class GlobSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    readonly index: number,
    reason: string,
  ) {
    super(`${reason} near index ${index} of glob '${pattern}'`);
    this.name = 'GlobSyntaxError';
  }
}

const REGEX_META = new Set([...'.^$+{[]|()\\*?']);
const GLOB_META = new Set([...'\\*?[{']);

function escapeChar(c: string): string {
  return REGEX_META.has(c) ? `\\${c}` : c;
}

// Translates a bracket expression starting just after '[' as Java's Globs does; returns the regex and the index after ']'.
function bracket(glob: string, start: number): [string, number] {
  let i = start;
  // Java intersects the class with "not a separator" ([[^/]&&[...]]); a lookahead does the same in JavaScript.
  let out = '(?!/)[';
  if (glob[i] === '^') {
    out += '\\^';
    i++;
  } else {
    if (glob[i] === '!') {
      out += '^';
      i++;
    }
    if (glob[i] === '-') {
      out += '-';
      i++;
    }
  }
  let hasRangeStart = false;
  let last = '';
  let c = '';
  while (i < glob.length) {
    c = glob[i++];
    if (c === ']') break;
    if (c === '/') throw new GlobSyntaxError(glob, i - 1, "Explicit 'name separator' in class");
    if (c === '\\' || c === '[' || (c === '&' && glob[i] === '&')) out += '\\';
    out += c;
    if (c === '-') {
      if (!hasRangeStart) throw new GlobSyntaxError(glob, i - 1, 'Invalid range');
      c = glob[i++] ?? '';
      if (c === '' || c === ']') break;
      if (c < last) throw new GlobSyntaxError(glob, i - 3, 'Invalid range');
      out += c === '\\' || c === '[' ? `\\${c}` : c;
      hasRangeStart = false;
    } else {
      hasRangeStart = true;
      last = c;
    }
  }
  if (c !== ']') throw new GlobSyntaxError(glob, i - 1, "Missing ']");
  return [`${out}]`, i];
}

/** Translates a Java NIO glob into an anchored regular expression source; throws GlobSyntaxError on a bad pattern. */
export function globToRegexSource(glob: string): string {
  let out = '^';
  let inGroup = false;
  let i = 0;
  while (i < glob.length) {
    const c = glob[i++];
    if (c === '\\') {
      if (i === glob.length) throw new GlobSyntaxError(glob, i - 1, 'No character to escape');
      const next = glob[i++];
      out += GLOB_META.has(next) || REGEX_META.has(next) ? `\\${next}` : next;
    } else if (c === '/') {
      out += '/';
    } else if (c === '[') {
      const [cls, after] = bracket(glob, i);
      out += cls;
      i = after;
    } else if (c === '{') {
      if (inGroup) throw new GlobSyntaxError(glob, i - 1, 'Cannot nest groups');
      out += '(?:(?:';
      inGroup = true;
    } else if (c === '}') {
      if (inGroup) {
        out += '))';
        inGroup = false;
      } else out += '}';
    } else if (c === ',') {
      out += inGroup ? ')|(?:' : ',';
    } else if (c === '*') {
      if (glob[i] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += escapeChar(c);
    }
  }
  if (inGroup) throw new GlobSyntaxError(glob, i - 1, 'Missing \'}');
  return `${out}$`;
}

// Trigger filters are evaluated for every ref change; the same few patterns come back each time.
const compiled = new Map<string, RegExp>();

/** Compiles a Java NIO glob into a predicate on whole strings (branch names, tag names, repository-relative paths). */
export function compileGlob(glob: string): (text: string) => boolean {
  let regex = compiled.get(glob);
  if (!regex) {
    regex = new RegExp(globToRegexSource(glob));
    if (compiled.size > 1000) compiled.clear();
    compiled.set(glob, regex);
  }
  const r = regex;
  return (text) => r.test(text);
}

/** Include and exclude patterns, as a V2 trigger filter criterion declares them. */
export interface GlobCriteria {
  includes?: readonly string[];
  excludes?: readonly string[];
}

/**
 * Tells whether a value passes a criterion: it matches no exclude, and matches an include (or no includes are given).
 * Excludes win over includes, as CodePipeline documents.
 */
export function matchesCriteria(criteria: GlobCriteria, value: string): boolean {
  if ((criteria.excludes ?? []).some((p) => compileGlob(p)(value))) return false;
  const includes = criteria.includes ?? [];
  return includes.length === 0 || includes.some((p) => compileGlob(p)(value));
}
