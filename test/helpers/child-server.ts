import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * The node arguments that run `codepipeline-local` as users run it: bin/codepipeline-local.js and the bundle in
 * dist/server/, which the suite's global setup (test/setup/server-build.ts) rebuilds first when a source is newer. A
 * start through tsx instead cost about 2 s more CPU (hundreds of modules through its loader), some 40 times a run.
 */
export const CLI = [fileURLToPath(new URL('../../bin/codepipeline-local.js', import.meta.url))];

/** A `codepipeline-local serve` child process and the URL it listens on. */
export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Every line the server printed on stdout so far. */
  lines: string[];
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The repository root, where `node --import tsx` finds tsx. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The node arguments that run `codepipeline-local serve`: the default script of startChildServer. */
export const SERVE_SCRIPT = [...CLI, 'serve'];

/** The node arguments that run the emulator with the LocalTest providers (see serve-with-test-providers.ts). */
export const SERVE_WITH_TEST_PROVIDERS = ['--import', 'tsx', fileURLToPath(new URL('./serve-with-test-providers.ts', import.meta.url))];

/**
 * Starts `codepipeline-local serve` (or another script given as node arguments, e.g. SERVE_WITH_TEST_PROVIDERS)
 * on a free port and waits for its "listening" log line.
 */
export async function startChildServer(args: string[], env: NodeJS.ProcessEnv = {}, script: string[] = SERVE_SCRIPT): Promise<ChildServer> {
  const child = spawn(process.execPath, [...script, '--port', '0', ...args], {
    ...(script === SERVE_SCRIPT ? {} : { cwd: ROOT }),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = /listening on (http:\/\/[^"\s]+)/.exec(line);
        if (match) resolve(match[1]);
      }
    });
    exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
    setTimeout(() => reject(new Error(`server did not start within 60 s: ${stderr}`)), 60_000);
  });
  return { child, url, lines, exited };
}
