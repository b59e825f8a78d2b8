#!/usr/bin/env node
// Builds the server (`npm run build:server`): bundles src/codepipeline-local.ts and everything it imports into
// dist/server/ with esbuild. One file per lazily loaded part (serve, each command) instead of some 300 modules
// and their packages' files: loading them is most of a cold start. Types are checked by `npm test`, not here.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist/server');
// Packages that src/ requires on first use (createRequire), bundled one file each into dist/server/node_modules/,
// where Node's resolution from the chunks finds them before the package root's node_modules. Each `lazy` module
// is left out of the bundle and loaded from the installed package when first called: dockerode's BuildKit
// session (gRPC, protobuf) and docker-modem's SSH transport (ssh2) cost most of dockerode's load and this
// project uses neither (no `version: '2'` builds, no ssh:// Docker hosts), nor its BuildKit progress decoder (protobufjs); pino's worker-thread transports go unused
// (pretty lines are written in this thread).
const VENDORED = [
  {
    name: 'dockerode',
    lazy: [
      { importer: /dockerode[\\/]lib[\\/]docker\.js$/, specifier: './session', real: ['dockerode', 'dockerode/lib/session.js'] },
      { importer: /dockerode[\\/]lib[\\/]docker\.js$/, specifier: './buildkit', real: ['dockerode', 'dockerode/lib/buildkit.js'] },
      { importer: /docker-modem[\\/]lib[\\/]modem\.js$/, specifier: './ssh', real: ['dockerode', 'docker-modem', 'docker-modem/lib/ssh.js'] },
    ],
  },
  { name: 'pino', lazy: [{ importer: /pino[\\/](pino|lib[\\/]tools)\.js$/, specifier: './lib/transport', real: ['pino', 'pino/lib/transport.js'] }, { importer: /pino[\\/]lib[\\/]tools\.js$/, specifier: './transport', real: ['pino', 'pino/lib/transport.js'] }] },
  { name: 'pino-pretty', lazy: [] },
];

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
  // Native code (better-sqlite3) stays in node_modules; the vendored packages are required at run time (see VENDORED).
  external: ['better-sqlite3', ...VENDORED.map((v) => v.name)],
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

/**
 * A CommonJS stand-in for a module left out of a vendored bundle: the first call loads the real module from the
 * installed packages, found from the package root through each package of `chain` in turn (so nested installs work).
 */
function lazyStub(chain) {
  return `'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');
let real;
function load() {
  if (real) return real;
  let from = createRequire(join(__dirname, '../../../../package.json'));
  for (const name of ${JSON.stringify(chain.slice(0, -1))}) from = createRequire(from.resolve(name));
  return (real = from(${JSON.stringify(chain.at(-1))}));
}
// Called (dockerode's withSession, docker-modem's ssh) or read (buildkit.followProgress) alike.
module.exports = new Proxy(function () {}, {
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => load()[key],
});
`;
}

for (const vendored of VENDORED) {
  const dir = join(OUT, 'node_modules', vendored.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: [vendored.name],
    outfile: join(dir, 'index.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'lazy-modules',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) => {
            const lazy = vendored.lazy.find((l) => l.specifier === args.path && l.importer.test(args.importer));
            return lazy ? { path: lazy.real.join(' > '), namespace: 'lazy', pluginData: lazy.real } : undefined;
          });
          b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: lazyStub(args.pluginData), loader: 'js', resolveDir: dir }));
        },
      },
    ],
  });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: vendored.name, private: true, main: 'index.js' }, null, 2)}\n`);
}
console.log(`built ${relative(ROOT, OUT)}/ (${written.size} files, and ${VENDORED.map((v) => v.name).join(', ')} bundled into node_modules/)`);
