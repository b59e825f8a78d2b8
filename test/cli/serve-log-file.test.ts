import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/child-server.js';
import { freshDataDir } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';

const jsonLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : []);

describe('codepipeline-local serve --log-file', () => {
  describe('when the log file passes its size', () => {
    it('writes the request log there, not to standard output, and rotates it', async () => {
      const dataDir = freshDataDir();
      const file = join(dataDir, 'logs', 'server.log');
      // 0.002 MB: about 2 KB, so a few requests rotate it.
      const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--log-file', file, '--log-file-max-mb', '0.002'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = once(child, 'exit');
      let stdout = '';
      child.stdout!.on('data', (d) => (stdout += d));
      try {
        const listening = await waitFor(() => jsonLines(file).find((l) => String(l.msg).startsWith('codepipeline-local listening on')), { description: 'the listening line in the log file', timeoutMs: 20_000 });
        const url = /listening on (\S+)/.exec(String(listening?.msg))![1];
        for (let i = 0; i < 10; i++) {
          const res = await fetch(url, { method: 'POST', headers: { 'X-Amz-Target': 'CodePipeline_20150709.ListPipelines', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
          expect(res.status).toBe(200);
        }
        await waitFor(() => existsSync(`${file}.1`), { description: 'the rotated log file' });
        const requests = [...jsonLines(`${file}.3`), ...jsonLines(`${file}.2`), ...jsonLines(`${file}.1`), ...jsonLines(file)].filter((l) => l.target);
        expect(requests.length).toBeGreaterThan(0);
        expect(existsSync(`${file}.4`)).toBe(false);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
      expect(stdout).toBe('');
    });
  });
});
