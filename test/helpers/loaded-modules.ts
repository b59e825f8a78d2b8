import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable naming the file the preload records loaded modules into. */
export const LOADED_MODULES_LOG = 'CPL_TEST_LOADED_MODULES_LOG';
const MARK = 'MARK ';

// Node runs module hooks in a thread of their own: each module's URL is appended before Node gets its source, so
// the log lists a module before that module runs (and before any mark written after it).
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
  appendFileSync(log, 'load ' + url + '\\n');
  return next(url, context);
}
`;

// The bundle's CommonJS parts (the vendored packages, better-sqlite3) are required: the require cache lists them
// at each mark. A mark is written when the process first finishes an HTTP response and when it exits.
const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { subscribe } from 'node:diagnostics_channel';
const log = process.env.${LOADED_MODULES_LOG};
register('./record-loads.mjs', import.meta.url, { data: { log } });
const cache = createRequire(import.meta.url).cache;
const mark = (label) => appendFileSync(log, '${MARK}' + label + '\\n' + Object.keys(cache).map((f) => 'require ' + f + '\\n').join(''));
let answered = false;
subscribe('http.server.response.finish', () => {
  if (answered) return;
  answered = true;
  mark('first-answer');
});
process.on('exit', () => mark('exit'));
`;

/** Writes the preload (and its hooks module) into `dir`; returns the preload's path, for `node --import`. */
export function writeModuleRecorder(dir: string): string {
  writeFileSync(join(dir, 'record-loads.mjs'), HOOKS);
  writeFileSync(join(dir, 'record-preload.mjs'), PRELOAD);
  return join(dir, 'record-preload.mjs');
}

/** The npm package a file belongs to (the last node_modules folder in its path), if any. */
function packageOf(path: string): string | undefined {
  return /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
}

/**
 * The packages in a loaded file: its own package, or for a bundled chunk (a .js with a source map beside it) every
 * package its source map names as a source.
 */
function packagesIn(file: string): string[] {
  const own = packageOf(file);
  if (own !== undefined || !existsSync(`${file}.map`)) return own === undefined ? [] : [own];
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources.map(packageOf).filter((p): p is string => p !== undefined);
}

/**
 * The npm packages a process had loaded by the mark `label` ('first-answer' or 'exit'), from the log the preload
 * wrote; throws when the log has no such mark.
 */
export function packagesLoadedBy(log: string, label: 'first-answer' | 'exit'): Set<string> {
  const lines = readFileSync(log, 'utf8').split('\n');
  const at = lines.indexOf(`${MARK}${label}`);
  if (at < 0) throw new Error(`the module log ${log} has no "${label}" mark: ${lines.filter((l) => l.startsWith(MARK)).join(', ') || 'no marks at all'}`);
  const files = new Set<string>();
  for (const line of lines.slice(0, at)) if (line.startsWith('load file:')) files.add(fileURLToPath(line.slice('load '.length)));
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('require ')) break;
    files.add(line.slice('require '.length));
  }
  return new Set([...files].flatMap(packagesIn));
}
