import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { withDirLock } from './dir-lock.js';

/** The repository root, where the builds run. */
export const ROOT = resolve(import.meta.dirname, '../..');
const LOCK_WAIT_MS = 120_000;

/** One of the package's builds: what it is built from, the file it writes that dates it, and how to run it. */
export interface Build {
  /** The npm script that runs the same build, for messages. */
  script: string;
  /** Files and folders (relative to the root) whose change makes the build stale. */
  sources: string[];
  /** Folders (relative to the root) under `sources` that belong to another build. */
  ignore?: string[];
  /** A file the build writes (relative to the root): its modification time dates the build. */
  output: string;
  /** The executable (relative to the root) and arguments that build. */
  command: [string, ...string[]];
}

function newestMtime(path: string, ignore: Set<string>): number {
  if (ignore.has(path) || !existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry), ignore)));
}

function isStale(build: Build): boolean {
  const output = join(ROOT, build.output);
  if (!existsSync(output)) return true;
  const ignore = new Set((build.ignore ?? []).map((p) => join(ROOT, p)));
  return Math.max(...build.sources.map((s) => newestMtime(join(ROOT, s), ignore))) > statSync(output).mtimeMs;
}

/**
 * Makes sure a build's output is newer than every one of its sources: runs the build (as its npm script does)
 * when the output is missing or older, so a test never runs stale compiled code.
 */
export async function ensureBuilt(build: Build): Promise<void> {
  if (!isStale(build)) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  // The test files that start together build once, one after the other.
  await withDirLock(join(ROOT, `dist/.${build.script.replace(/\W/g, '-')}.lock`), { waitMs: LOCK_WAIT_MS, staleMs: LOCK_WAIT_MS }, async () => {
    if (!isStale(build)) return;
    const [command, ...args] = build.command;
    try {
      await promisify(execFile)(join(ROOT, command), args, { cwd: ROOT, timeout: 120_000 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`Building failed (npm run ${build.script}):\n${e.stderr || e.stdout || e.message}`, { cause: error });
    }
    // A compiler may leave an unchanged file untouched: date the build now, after every source it read.
    const now = new Date();
    utimesSync(join(ROOT, build.output), now, now);
  });
}

/** The server build (`npm run build:server`): src/ bundled into dist/server/, which bin/codepipeline-local.js runs. */
export const SERVER_BUILD: Build = {
  script: 'build:server',
  sources: ['src', 'scripts/build-server.mjs', 'package-lock.json'],
  ignore: ['src/ui/app', 'src/ui/vite.config.ts'],
  output: 'dist/server/codepipeline-local.js',
  command: ['scripts/build-server.mjs'],
};
