import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { commandName } from './command-name.js';

/** Where `codepipeline-local stop` writes. */
export interface StopOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: StopOutput = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

const STOP_TIMEOUT_MS = 30_000; // a server finishes its shutdown (builds, deployments cut short) well within this
const POLL_MS = 100;

/** The file holding the pid of the background server the demo started for a data directory. */
export function serverPidFile(dataDir: string): string {
  return join(dataDir, 'server.pid');
}

/** The file the background server the demo started writes its log to. */
export function serverLogFile(dataDir: string): string {
  return join(dataDir, 'server.log');
}

/** Records the pid of a background server of a data directory. */
export function writeServerPid(dataDir: string, pid: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(serverPidFile(dataDir), `${pid}\n`);
}

/**
 * True when a process with this pid runs and, where /proc tells, is a codepipeline-local server: after a
 * reboot the pid in a stale file may belong to an unrelated process, which must not be signalled.
 */
export function isServerProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is not a server we started.
    return false;
  }
  const proc = `/proc/${pid}`;
  if (!existsSync(proc)) return true;
  try {
    // An exited child its parent has not reaped yet is a zombie: it no longer runs.
    if (/^State:\s*Z/m.test(readFileSync(join(proc, 'status'), 'utf8'))) return false;
    return readFileSync(join(proc, 'cmdline'), 'utf8').includes('codepipeline-local');
  } catch {
    return false;
  }
}

/** The pid of the data directory's background server when one runs; a stale pid file is removed. */
export function runningServerPid(dataDir: string): number | undefined {
  const file = serverPidFile(dataDir);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isServerProcess(pid)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

async function untilExited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isServerProcess(pid)) return true;
    await sleep(POLL_MS);
  }
  return !isServerProcess(pid);
}

/**
 * Runs `codepipeline-local stop`: stops the background server the demo started for the data directory
 * (SIGTERM, then waits for it to exit) and removes its pid file. Returns the exit code: 0 when it stopped or
 * nothing ran, 1 when it would not stop in time.
 */
export async function stopCommand(config: Config, output: StopOutput = processOutput, timeoutMs = STOP_TIMEOUT_MS): Promise<number> {
  const pid = runningServerPid(config.dataDir);
  if (pid === undefined) {
    output.out(
      `No background codepipeline-local runs for ${config.dataDir} (no live pid in ${serverPidFile(config.dataDir)}).\n` +
        `A server started with \`${commandName()} serve\` in a terminal is stopped with Ctrl-C there.\n`,
    );
    return 0;
  }
  output.out(`Stopping codepipeline-local (pid ${pid}) ...\n`);
  process.kill(pid, 'SIGTERM');
  if (!(await untilExited(pid, timeoutMs))) {
    output.err(`codepipeline-local (pid ${pid}) did not exit within ${timeoutMs / 1000} s; see ${serverLogFile(config.dataDir)}, or end it with \`kill -9 ${pid}\`.\n`);
    return 1;
  }
  rmSync(serverPidFile(config.dataDir), { force: true });
  output.out(`Stopped codepipeline-local (pid ${pid}). Instance containers keep running; \`${commandName()} demo\` or \`serve\` picks them up again.\n`);
  return 0;
}
