#!/usr/bin/env node
// Builds the server (`npm run build:server`): bundles src/codepipeline-local.ts and everything it imports into
// dist/server/ with esbuild. One file per lazily loaded part (serve, each command) instead of some 300 modules
// and their packages' files: loading them is most of a cold start. Types are checked by `npm test`, not here.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist/server');

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/codepipeline-local.ts'],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // Native code (better-sqlite3), worker-thread transports found by package name (pino), and packages required
  // on first use (dockerode) stay in node_modules.
  external: ['better-sqlite3', 'pino', 'pino-pretty', 'dockerode'],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// Chunk names carry a hash: files of an earlier build that this one did not write are removed.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(ROOT, file)));
for (const name of readdirSync(OUT)) {
  const file = join(OUT, name);
  const output = file.endsWith('.map') ? file.slice(0, -'.map'.length) : file;
  if (!written.has(output) && !written.has(file)) rmSync(file, { recursive: true, force: true });
}
console.log(`built ${relative(ROOT, OUT)}/ (${written.size} files)`);
