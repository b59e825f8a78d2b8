import { CodeBuildClient, ListProjectsCommand } from '@aws-sdk/client-codebuild';
import { CodePipelineClient, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { freshDataDir, type SdkClientSettings } from '../helpers/emulator.js';
import { ensureBuilt, ROOT, SERVER_BUILD } from '../helpers/fresh-build.js';
import { ensureConsoleBuilt } from '../ui/helpers/console-build.js';

// Most tests run the emulator in-process from the TypeScript sources (child servers run the build too, see
// test/helpers/child-server.ts); this one checks what users run: bin/codepipeline-local.js and the build it loads from
// dist/, rebuilt first when a source is newer, so it checks today's code.

const run = promisify(execFile);
const BIN = join(ROOT, 'bin/codepipeline-local.js');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/**
 * Packages only `serve` (or `demo`) needs: a short command that loads one has paid for the server. The build bundles
 * most packages, which the preload cannot see; these stay in node_modules, and importing the server loads the first two.
 */
const SERVER_PACKAGES = ['better-sqlite3', 'pino', 'dockerode'];
const LOADED_MARK = 'LOADED-PACKAGES ';

/** A preload that prints, at exit, the npm packages loaded through require (the packages left out of the bundle are CommonJS). */
const PRELOAD = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const names = Object.keys(cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
  process.stderr.write('${LOADED_MARK}' + JSON.stringify([...new Set(names)]) + '\\n');
});
`;

/** Runs the bin with the preload; returns its output and the packages it loaded. */
async function runBin(preload: string, args: string[]): Promise<{ stdout: string; loaded: string[] }> {
  const { stdout, stderr } = await run(process.execPath, ['--import', preload, BIN, ...args], { cwd: ROOT });
  const line = stderr.split('\n').find((l) => l.startsWith(LOADED_MARK));
  if (!line) throw new Error(`no list of loaded packages in stderr: ${stderr}`);
  return { stdout, loaded: JSON.parse(line.slice(LOADED_MARK.length)) };
}

describe('bin/codepipeline-local.js (the compiled build)', () => {
  const scratch = freshDataDir();
  const preload = join(scratch, 'list-packages.mjs');

  beforeAll(async () => {
    writeFileSync(preload, PRELOAD);
    await ensureBuilt(SERVER_BUILD);
    await ensureConsoleBuilt();
  }, 240_000);

  describe('when asked for --version', () => {
    it('prints the package version without loading the server’s packages', async () => {
      const { stdout, loaded } = await runBin(preload, ['--version']);
      expect(stdout.trim()).toBe(pkg.version);
      expect(loaded.filter((name) => SERVER_PACKAGES.includes(name))).toEqual([]);
    });
  });

  describe('when serving', () => {
    let server: ChildServer;
    let settings: Omit<SdkClientSettings, 'maxAttempts'>;

    beforeAll(async () => {
      server = await startChildServer(['--data-dir', join(scratch, 'data')], {}, [BIN, 'serve']);
      settings = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    });

    afterAll(async () => {
      server?.child.kill('SIGTERM');
      await server?.exited;
    });

    it('answers the SDK with the botocore models it finds from dist/', async () => {
      expect((await new CodePipelineClient(settings).send(new ListPipelinesCommand({}))).pipelines).toEqual([]);
      expect((await new CodeBuildClient(settings).send(new ListProjectsCommand({}))).projects).toEqual([]);
    });

    it('serves the console built into dist/console', async () => {
      const response = await fetch(`${server.url}/console/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    });

    it('runs `instances` against it without loading the server’s packages', async () => {
      const { stdout, loaded } = await runBin(preload, ['instances', '--port', new URL(server.url).port]);
      expect(stdout).toContain('No instances are registered.');
      expect(loaded.filter((name) => SERVER_PACKAGES.includes(name))).toEqual([]);
    });
  });
});
