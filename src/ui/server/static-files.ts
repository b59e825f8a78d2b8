import { readFile, stat } from 'node:fs/promises';
import { extname, posix, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTEXT_ELEMENT_ID, CONTEXT_PLACEHOLDER, type ConsoleContext } from '../shared/console-event.js';

/** A file (or page) ready to send: status, headers and body. */
export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map', '.txt']);
// Vite names every file under assets/ after its content hash, so a browser may keep them forever.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The page answered while the console has not been built (a fresh clone before `npm install`, or a deleted dist/). */
export function missingBuildPage(distDir: string): StaticAnswer {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>codepipeline-local console not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#16191f}code{background:#f2f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>The console has not been built</h1>
<p>codepipeline-local serves its web console from <code>${escapeHtml(distDir)}</code>, which holds no build.</p>
<p>Build it with <code>npm run build:console</code> (it also runs on <code>npm install</code>), then reload this page.</p>
<p>The AWS API on this port works without it.</p></body></html>`;
  return { status: 503, headers: { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }, body };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function notFound(path: string): StaticAnswer {
  return { status: 404, headers: { 'content-type': TYPES['.txt'] }, body: `Not found: /console/${path}\n` };
}

/**
 * The console's built files: serves them (gzipped when the browser accepts it), answers index.html for the
 * app's own routes, and a clear page when there is no build.
 */
export class ConsoleAssets {
  private readonly root: string;
  private readonly index: string;
  private readonly gzipped = new Map<string, { stamp: string; body: Buffer }>();

  /** `context` is written into index.html, so the app starts without asking for it. */
  constructor(
    distDir: string,
    private readonly context?: ConsoleContext,
  ) {
    this.root = resolve(distDir);
    this.index = resolve(this.root, 'index.html');
  }

  /** Answers a path below `/console/` (already without that prefix, still URL-encoded). */
  async answer(rawPath: string, acceptsGzip: boolean): Promise<StaticAnswer> {
    const relative = safeRelativePath(rawPath);
    if (relative === undefined) return notFound(rawPath);
    const index = this.index;
    if (!(await isFile(index))) return missingBuildPage(this.root);
    const file = relative === '' ? index : resolve(this.root, relative);
    if (await isFile(file)) return this.fileAnswer(file, acceptsGzip);
    // A missing asset or top-level file is not there; any deeper path is one of the app's own routes, even with a
    // dot in it (a file `README.md` of a repository, a pipeline `web.app`).
    if (relative.startsWith('assets/') || (!relative.includes('/') && extname(relative))) return notFound(relative);
    return this.fileAnswer(index, acceptsGzip);
  }

  private async fileAnswer(file: string, acceptsGzip: boolean): Promise<StaticAnswer> {
    const ext = extname(file);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': file.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache',
    };
    if (!COMPRESSIBLE.has(ext)) return { status: 200, headers, body: await readFile(file) };
    headers.vary = 'Accept-Encoding';
    if (!acceptsGzip) return { status: 200, headers, body: await this.read(file) };
    return { status: 200, headers: { ...headers, 'content-encoding': 'gzip' }, body: await this.gzip(file) };
  }

  /** A file's content; index.html with the context in place of its placeholder. */
  private async read(file: string): Promise<Buffer> {
    const content = await readFile(file);
    if (file !== this.index || !this.context) return content;
    // `<` escaped so no value can close the script element.
    const json = JSON.stringify(this.context).replace(/</g, '\\u003c');
    return Buffer.from(content.toString('utf8').replace(CONTEXT_PLACEHOLDER, `<script id="${CONTEXT_ELEMENT_ID}" type="application/json">${json}</script>`));
  }

  private async gzip(file: string): Promise<Buffer> {
    const info = await stat(file);
    const stamp = `${info.mtimeMs}:${info.size}`;
    const cached = this.gzipped.get(file);
    if (cached?.stamp === stamp) return cached.body;
    const body = gzipSync(await this.read(file), { level: 9 });
    this.gzipped.set(file, { stamp, body });
    return body;
  }
}

/** Decodes and normalises a request path; undefined when it is malformed or tries to leave the folder. */
export function safeRelativePath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const normalised = posix.normalize(`/${decoded}`);
  if (normalised.split('/').includes('..')) return undefined;
  return normalised.replace(/^\/+/, '');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
