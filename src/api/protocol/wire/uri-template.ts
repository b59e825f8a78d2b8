import { shapeOf, type ModelOperation, type ServiceModel } from '../service-model.js';
import type { WireRequest } from './wire-protocol.js';

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

/**
 * Counts the members an operation requires in headers or the query string that the request carries; undefined when
 * one is missing, so PutObject and CopyObject (same template; CopyObject requires `x-amz-copy-source`) stay apart.
 */
function requiredBindings(model: ServiceModel, op: ModelOperation, req: Pick<WireRequest, 'query' | 'headers'>): number | undefined {
  const input = op.input ? shapeOf(model, op.input.shape) : undefined;
  let count = 0;
  for (const name of input?.required ?? []) {
    const ref = input!.members?.[name];
    if (ref?.location !== 'header' && ref?.location !== 'querystring') continue;
    const key = ref.locationName ?? name;
    if (ref.location === 'header' ? req.headers[key.toLowerCase()] === undefined : !req.query.has(key)) return undefined;
    count++;
  }
  return count;
}

/** Finds the operation of a rest service whose method, URI template and required bindings fit a request, the most specific first. */
export function findRestOperation(model: ServiceModel, req: Pick<WireRequest, 'method' | 'query' | 'headers'>, path: string): string | undefined {
  let best: { name: string; rank: number } | undefined;
  for (const [name, op] of Object.entries(model.operations)) {
    if (!op.http || op.http.method !== req.method || !matchUri(op.http.requestUri, path, req.query)) continue;
    const bindings = requiredBindings(model, op, req);
    if (bindings === undefined) continue;
    // Deprecated operations (GetBucketLifecycle) share templates with their successors, which win.
    const rank = specificity(op.http.requestUri) * 100 + bindings * 2 + (op.deprecated ? 0 : 1);
    if (!best || rank > best.rank) best = { name, rank };
  }
  return best?.name;
}

/** Names the query keys an operation's template requires, which are routing, not input. */
export function templateQueryKeys(requestUri: string): string[] {
  return compile(requestUri).queryLiterals.map(([key]) => key);
}
