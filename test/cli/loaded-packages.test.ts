import { CodePipelineClient, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../helpers/emulator.js';
import { ensureBuilt, ROOT, SERVER_BUILD } from '../helpers/fresh-build.js';
import { LOADED_MODULES_LOG, packagesLoadedBy, writeModuleRecorder } from '../helpers/loaded-modules.js';
import { accepts, freePort } from '../helpers/ports.js';
import { waitFor } from '../helpers/wait.js';

// What users run (bin/codepipeline-local.js and its build in dist/) is watched by a preload that records every module
// it loads: a short command, or `serve` before its first answer, must not pay for the packages only later work needs.

const run = promisify(execFile);
const BIN = join(ROOT, 'bin/codepipeline-local.js');
const HOST = '127.0.0.1';
/** Packages that cost a start dearly and that neither `--version` nor serve's first answer needs. */
const HEAVY = ['yaml', 'dockerode', 'simple-git', 'fast-xml-parser'];
const isHeavy = (name: string) => HEAVY.includes(name) || name.startsWith('@aws-sdk/client-');

describe('the packages the compiled bin loads', () => {
  const scratch = freshDataDir();
  let preload: string;
  let logs = 0;
  const nextLog = () => join(scratch, `modules-${++logs}.log`);

  beforeAll(async () => {
    preload = writeModuleRecorder(scratch);
    await ensureBuilt(SERVER_BUILD);
  }, 240_000);

  describe('for --version', () => {
    it('loads none of the heavy packages', async () => {
      const log = nextLog();
      const { stdout } = await run(process.execPath, ['--import', preload, BIN, '--version'], { cwd: ROOT, env: { ...process.env, [LOADED_MODULES_LOG]: log } });
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      expect([...packagesLoadedBy(log, 'exit')].filter(isHeavy)).toEqual([]);
    });
  });

  describe('for serve, by its first answer', () => {
    let child: ChildProcess | undefined;
    let port: number;
    let log: string;
    let firstAnswer: Set<string>;

    beforeAll(async () => {
      port = await freePort();
      log = nextLog();
      child = spawn(process.execPath, ['--import', preload, BIN, 'serve', '--host', HOST, '--port', String(port), '--data-dir', join(scratch, 'data'), '--log-level', 'warn'], {
        cwd: ROOT,
        env: { ...process.env, [LOADED_MODULES_LOG]: log },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // Asked as soon as it accepts connections, as a client that started it would.
      await waitFor(() => accepts(port), { timeoutMs: 60_000, description: `serve accepting connections on port ${port}` }, (ok) => ok);
      const client = new CodePipelineClient({ endpoint: `http://${HOST}:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      expect((await client.send(new ListPipelinesCommand({}))).pipelines).toEqual([]);
      // The mark is written as the response finishes, which may be a moment after the client has read it.
      firstAnswer = await waitFor(() => packagesLoadedBy(log, 'first-answer'), { timeoutMs: 10_000, description: 'the first-answer mark in the module log' });
    }, 90_000);

    afterAll(async () => {
      child?.kill('SIGTERM');
      if (child && child.exitCode === null) await once(child, 'exit');
    });

    it('has loaded the server itself (the record sees bundled and required packages)', () => {
      expect(firstAnswer).toContain('fastify');
      expect(firstAnswer).toContain('better-sqlite3');
    });

    it('has loaded none of the heavy packages', () => {
      expect([...firstAnswer].filter(isHeavy)).toEqual([]);
    });

    it('leaves the AWS SDK clients to the commands that call the server (wait)', async () => {
      const waitLog = nextLog();
      const outcome = await run(process.execPath, ['--import', preload, BIN, 'wait', 'no-such-pipeline', '--host', HOST, '--port', String(port)], {
        cwd: ROOT,
        env: { ...process.env, [LOADED_MODULES_LOG]: waitLog },
      }).then(
        () => ({ stderr: 'exited 0' }),
        (error: { stderr?: string }) => error,
      );
      // The pipeline does not exist: `wait` says so and exits 1, after asking the server through the SDK.
      expect(outcome.stderr).toContain('PipelineNotFoundException');
      const loaded = packagesLoadedBy(waitLog, 'exit');
      expect(loaded).toContain('@aws-sdk/client-codepipeline');
      expect([...loaded].filter((name) => isHeavy(name) && name !== '@aws-sdk/client-codepipeline')).toEqual([]);
    });
  });
});
