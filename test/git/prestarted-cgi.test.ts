import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { PrestartedCgi } from '../../src/git/prestarted-cgi.js';
import { WAIT_TIMEOUT_MS } from '../helpers/wait.js';

/** The program these tests hand requests to. */
const PROGRAM = 'printf "%s|%s|" "$A" "$B"; cat';

/**
 * Children of this process that are shells waiting to hand a request to PROGRAM (the worker may hold other servers'
 * shells, of other programs, from files run before this one).
 */
function waitingShells(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return ppid === process.pid && cmdline.includes('read -r line') && cmdline.includes(PROGRAM);
      } catch {
        return false; // it ended while being looked at
      }
    })
    .map(Number);
}

/** Waits until the one shell started ahead is waiting, and returns its pid. */
function oneWaitingShell(): Promise<number> {
  return vi.waitFor(() => {
    const shells = waitingShells();
    expect(shells).toHaveLength(1);
    return shells[0];
  }, { timeout: WAIT_TIMEOUT_MS });
}

/** Runs one request: the program prints its variables A and B, then its whole stdin. */
async function run(cgi: PrestartedCgi, env: Record<string, string>, body: Buffer): Promise<{ pid: number; output: Buffer }> {
  const child: ChildProcessWithoutNullStreams = cgi.start(env);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stdin.end(body);
  await new Promise((resolve) => child.once('close', resolve));
  return { pid: child.pid!, output: Buffer.concat(chunks) };
}

describe.skipIf(process.platform === 'win32')('PrestartedCgi', () => {
  const cgi = new PrestartedCgi('/bin/sh', ['-c', PROGRAM]);
  // Bytes a line-reading shell would take for itself if it read more than its lines.
  const body = Buffer.concat([Buffer.from('line one\n\nB=injected\n'), Buffer.from([0, 255, 10, 13])]);

  describe('when no shell has been started ahead yet', () => {
    it('starts the program directly, with exactly the given environment and body', async () => {
      const { output } = await run(cgi, { A: 'a value', B: '$HOME `x` \\n' }, body);
      expect(output).toEqual(Buffer.concat([Buffer.from('a value|$HOME `x` \\n|'), body]));
    });
  });

  describe('when a shell was started ahead after the previous request', () => {
    it('hands it the environment, and the program gets the body untouched', async () => {
      const shell = await oneWaitingShell();
      const { pid, output } = await run(cgi, { A: "it's", B: 'two words' }, body);
      expect(pid).toBe(shell);
      expect(output).toEqual(Buffer.concat([Buffer.from("it's|two words|"), body]));
    });

    it('starts the program directly for a value the shell could not read as one line', async () => {
      const shell = await oneWaitingShell();
      const { pid, output } = await run(cgi, { A: 'first\nsecond', B: 'b' }, body);
      expect(pid).not.toBe(shell);
      expect(output).toEqual(Buffer.concat([Buffer.from('first\nsecond|b|'), body]));
      expect(waitingShells()).toEqual([shell]);
    });
  });
});
