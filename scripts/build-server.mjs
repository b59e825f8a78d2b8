#!/usr/bin/env node
// Builds the server (`npm run build:server`): bundles src/codepipeline-local.ts and everything it imports into
// dist/server/ with esbuild. One file per lazily loaded part (serve, each command) instead of some 300 modules
// and their packages' files: loading them is most of a cold start. Types are checked by `npm test`, not here.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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
  // Required on first YAML (src/shared/yaml.ts): one file to load then instead of the package's eighty.
  { name: 'yaml', lazy: [] },
  // Required on first use of git's porcelain (src/git/client.ts).
  { name: 'simple-git', lazy: [] },
];

// fastify's JSON-schema compilers (ajv, fast-json-stringify: about a third of the server's chunk) and its inject()
// (light-my-request, for tests) are required only when used; src/api/protocol/server.ts gives it no-op compilers.
const FASTIFY_LAZY = [
  { importer: /fastify[\\/]lib[\\/]schema-controller\.js$/, specifier: '@fastify/ajv-compiler', real: ['fastify', '@fastify/ajv-compiler'] },
  { importer: /fastify[\\/]lib[\\/]schema-controller\.js$/, specifier: '@fastify/fast-json-stringify-compiler', real: ['fastify', '@fastify/fast-json-stringify-compiler'] },
  { importer: /fastify[\\/]fastify\.js$/, specifier: 'light-my-request', real: ['fastify', 'light-my-request'] },
  // Read only for a plugin that names the fastify versions it needs; this server registers none.
  { importer: /fastify[\\/]lib[\\/]plugin-utils\.js$/, specifier: 'semver', real: ['fastify', 'semver'] },
  // Used only with the trustProxy option (X-Forwarded-For), which this server does not set.
  { importer: /fastify[\\/]lib[\\/]request\.js$/, specifier: '@fastify/proxy-addr', real: ['fastify', '@fastify/proxy-addr'] },
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
  // Whitespace and syntax only: names stay as written (error and class names, stack traces); less text to parse.
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
  // Native code (better-sqlite3) stays in node_modules; the vendored packages are required at run time (see VENDORED).
  external: ['better-sqlite3', ...VENDORED.map((v) => v.name)],
  // The chunks' require (the banner's) resolves from dist/server/, then up to the package's node_modules.
  plugins: [lazyModules(FASTIFY_LAZY, 'require', ROOT), lazyCredentialChain(), sdkEsModules()],
  // The AWS SDK clients the commands use warn on every run under Node 20 that SDK releases after January 2027 need
  // Node 22; the CLI's output stays its own (the engines field says what this package supports).
  define: { 'process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED': '"true"' },
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
 * installed packages, found from `base` (a require function) through each package of `chain` in turn (so nested
 * installs work).
 */
function lazyStub(chain, base) {
  return `'use strict';
const { createRequire } = require('node:module');
let real;
function load() {
  if (real) return real;
  let from = ${base};
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

/**
 * An esbuild plugin that gives the SDK clients (the CLI's commands) a stand-in for the default credential chain:
 * every command passes its credentials, so the chain (its providers for SSO, STS, IMDS, INI files and their nested
 * clients, about a quarter of what `wait` loaded) is imported, as a chunk of its own, only if a client ever calls it.
 */
function lazyCredentialChain() {
  const chain = '@aws-sdk/credential-provider-node';
  return {
    name: 'lazy-credential-chain',
    setup(b) {
      b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) =>
        // The stand-in's own import (also when sdkEsModules resolves it again) is the real chain.
        args.namespace === 'lazy-credentials' || args.pluginData?.sdkEsModules ? undefined : { path: chain, namespace: 'lazy-credentials' },
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-credentials' }, () => ({
        contents: `export function defaultProvider(init) {
  let provider;
  return async (options) => {
    provider ??= import(${JSON.stringify(chain)}).then((real) => real.defaultProvider(init));
    return (await provider)(options);
  };
}
`,
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/**
 * An esbuild plugin that takes the AWS SDK's (and Smithy's) ES module build where Node's resolution picks its CommonJS
 * one (a package without `exports` whose `main` is dist-cjs): the packages declare no side effects, so the bundle
 * keeps only what the CLI's clients use, e.g. the commands it sends instead of the whole client with every
 * operation's schema. Only these packages: elsewhere a `module` field may name a browser build.
 */
function sdkEsModules() {
  return {
    name: 'sdk-es-modules',
    setup(b) {
      b.onResolve({ filter: /^@(aws-sdk|smithy)\// }, async (args) => {
        if (args.pluginData?.sdkEsModules) return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { sdkEsModules: true } });
        if (found.errors.length || !found.path.includes(`${sep}dist-cjs${sep}`)) return found;
        const es = found.path.replace(`${sep}dist-cjs${sep}`, `${sep}dist-es${sep}`);
        return existsSync(es) ? { ...found, path: es } : found;
      });
    },
  };
}

/** An esbuild plugin that replaces the `lazy` modules (specifier and importer) with stubs loading them on first use. */
function lazyModules(lazy, base, resolveDir) {
  return {
    name: 'lazy-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const found = lazy.find((l) => l.specifier === args.path && l.importer.test(args.importer));
        return found ? { path: found.real.join(' > '), namespace: 'lazy', pluginData: found.real } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: lazyStub(args.pluginData, base), loader: 'js', resolveDir }));
    },
  };
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
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    // The vendored file's own require would find this very bundle for its package's name: start from the package root.
    plugins: [lazyModules(vendored.lazy, "createRequire(require('node:path').join(__dirname, '../../../../package.json'))", dir)],
  });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: vendored.name, private: true, main: 'index.js' }, null, 2)}\n`);
}
console.log(`built ${relative(ROOT, OUT)}/ (${written.size} files, and ${VENDORED.map((v) => v.name).join(', ')} bundled into node_modules/)`);
