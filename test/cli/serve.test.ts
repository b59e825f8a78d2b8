import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, startChildServer } from '../helpers/child-server.js';
import { freshDataDir } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('codepipeline-local', () => {
  const dataDir = freshDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('when asked for --version and --help', () => {
    it('prints the package version', async () => {
      const { stdout } = await run(process.execPath, [...CLI, '--version']);
      expect(stdout.trim()).toBe(pkg.version);
    });

    it('prints usage naming serve, export and every option with its environment variable', async () => {
      const { stdout } = await run(process.execPath, [...CLI, '--help']);
      for (const word of ['serve', 'export', '--host', '--port', '--data-dir', '--pipelines-dir', 'CODEPIPELINE_LOCAL_PORT', 'CODEPIPELINE_LOCAL_DATA_DIR']) {
        expect(stdout).toContain(word);
      }
    });
  });

  describe('when given a bad option value', () => {
    it('exits non-zero with a message naming the option and its variable', async () => {
      const failure = await run(process.execPath, [...CLI, 'serve', '--port', 'eighty']).catch((e) => e);
      expect(failure.code).toBe(1);
      expect(failure.stderr).toContain('--port');
      expect(failure.stderr).toContain('CODEPIPELINE_LOCAL_PORT');
    });
  });

  describe('when serving', () => {
    it('binds 127.0.0.1, logs one JSON line per request, and exits 0 on SIGTERM', async () => {
      const server = await startChildServer([], { CODEPIPELINE_LOCAL_DATA_DIR: dataDir });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const before = server.lines.length;
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'X-Amz-Target': 'CodePipeline_20150709.ListPipelines', 'Content-Type': 'application/x-amz-json-1.1' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      const requestLines = () => server.lines.slice(before).map((l) => JSON.parse(l)).filter((l) => l.target);
      const [line] = await waitFor(requestLines, { description: 'the request log line' }, (lines) => lines.length > 0);
      expect(line).toMatchObject({ target: 'CodePipeline_20150709.ListPipelines', status: 200, method: 'POST' });
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.lines.some((l) => l.includes('shutting down'))).toBe(true);
      // Logged after it, the shutdown line says every line of the request was written: there was one.
      expect(requestLines()).toHaveLength(1);
    });

    it('also exits 0 on SIGINT (Ctrl-C)', async () => {
      const server = await startChildServer(['--data-dir', dataDir]);
      server.child.kill('SIGINT');
      expect(await server.exited).toEqual({ code: 0, signal: null });
    });
  });
});
