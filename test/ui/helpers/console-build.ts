import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCES = [join(ROOT, 'src/ui/app'), join(ROOT, 'src/ui/shared'), join(ROOT, 'src/ui/vite.config.ts')];
/** The built console the server serves (dist/console/, as `npm run build:console` writes it). */
export const CONSOLE_DIST = join(ROOT, 'dist/console');
const LOCK = join(ROOT, 'dist/.console-build.lock');
const LOCK_WAIT_MS = 120_000;

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function isStale(): boolean {
  const index = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...SOURCES.map(newestMtime)) > statSync(index).mtimeMs;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  // mkdir is atomic: the test files that start together build the console once, one after the other.
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than any build is left by a killed run: take it over.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_WAIT_MS) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${LOCK} held for more than ${LOCK_WAIT_MS} ms; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Makes sure dist/console holds a build of the current console sources: builds it (as `npm run build:console`
 * does) when it is missing or older than a source file, so browser tests never run against a stale app.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (!isStale()) return;
  await withLock(async () => {
    if (!isStale()) return;
    const vite = join(ROOT, 'node_modules/.bin/vite');
    try {
      await promisify(execFile)(vite, ['build', '--config', 'src/ui/vite.config.ts'], { cwd: ROOT, timeout: 120_000 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`Building the console failed (npm run build:console):\n${e.stderr || e.stdout || e.message}`, { cause: error });
    }
  });
}
