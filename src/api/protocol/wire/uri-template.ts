import type { ModelOperation } from '../service-model.js';

/** A compiled `http` trait URI template (`/{Bucket}/{Key+}?list-type=2`). */
interface CompiledTemplate {
  pattern: RegExp;
  labels: string[];
  queryLiterals: [string, string | undefined][];
  literalLength: number;
}

const compiled = new Map<string, CompiledTemplate>();

function compile(requestUri: string): CompiledTemplate {
  const cached = compiled.get(requestUri);
  if (cached) return cached;
  const [path, query = ''] = requestUri.split('?');
  const labels: string[] = [];
  let literalLength = 0;
  const source = path.replace(/\{([^}+]+)(\+?)\}|[^{]+/g, (part, label: string | undefined, greedy: string) => {
    if (label === undefined) {
      literalLength += part.length;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    labels.push(label);
    // A greedy label spans segments (S3 keys hold slashes); a plain one stays inside its segment.
    return greedy ? '(.+)' : '([^/]+)';
  });
  const queryLiterals = query
    .split('&')
    .filter(Boolean)
    .map((pair): [string, string | undefined] => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)];
    });
  // A trailing slash is tolerated: clients add one to bucket paths.
  const template = { pattern: new RegExp(`^${source.replace(/\/$/, '')}/?$`), labels, queryLiterals, literalLength };
  compiled.set(requestUri, template);
  return template;
}

/** The labels a request path fills in a template, percent-decoded; undefined when the path or query does not fit it. */
export function matchUri(requestUri: string, path: string, query: URLSearchParams): Record<string, string> | undefined {
  const template = compile(requestUri);
  const match = template.pattern.exec(path);
  if (!match) return undefined;
  for (const [key, value] of template.queryLiterals) {
    if (!query.has(key) || (value !== undefined && query.get(key) !== value)) return undefined;
  }
  const labels: Record<string, string> = {};
  try {
    template.labels.forEach((label, i) => (labels[label] = match[i + 1].split('/').map(decodeURIComponent).join('/')));
  } catch {
    return undefined;
  }
  return labels;
}

/** Ranks templates so the most specific match wins: query literals first (`?list-type=2`), then literal path text. */
function specificity(requestUri: string): number {
  const t = compile(requestUri);
  return t.queryLiterals.length * 10_000 + t.literalLength * 10 - t.labels.length;
}

/** Finds the operation of a rest service whose method and URI template fit a request, the most specific first. */
export function findRestOperation(operations: Record<string, ModelOperation>, method: string, path: string, query: URLSearchParams): string | undefined {
  let best: { name: string; rank: number } | undefined;
  for (const [name, op] of Object.entries(operations)) {
    if (!op.http || op.http.method !== method || !matchUri(op.http.requestUri, path, query)) continue;
    const rank = specificity(op.http.requestUri);
    if (!best || rank > best.rank) best = { name, rank };
  }
  return best?.name;
}

/** Names the query keys an operation's template requires, which are routing, not input. */
export function templateQueryKeys(requestUri: string): string[] {
  return compile(requestUri).queryLiterals.map(([key]) => key);
}
