import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';

// Starting a process from the server costs a fork of the whole Node process, and Node waits, with its event loop
// stopped, until the child has exec'd: tens of milliseconds on a busy machine, on the critical path of every git
// request. A CGI needs its request's environment before it starts, so the process started ahead is a small shell
// that reads the environment from its stdin (one NAME=value a line, a blank line after the last), exports it and
// execs the program; the request body follows on the same pipe and is left unread for the program, since the shell's
// `read` takes one byte at a time from a pipe. Values are only ever assigned, never evaluated by the shell.
const SHELL = '/bin/sh';
const SCRIPT = 'while IFS= read -r line; do if [ -z "$line" ]; then exec "$0" "$@"; fi; export "$line"; done; exit 0';
// Forking the server is CPU time taken from the git processes of the request under way, and from the client, which
// still has work to do once the response ended; the next shell is started this long after a request's program exited.
const PREPARE_DELAY_MS = 100; // milliseconds
// The name of a variable as the shell's export takes it.
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether an environment can go through the shell's line reading unchanged (the rare other one is spawned directly). */
function linesCarry(env: Record<string, string>): boolean {
  return Object.entries(env).every(([name, value]) => NAME.test(name) && !value.includes('\n') && !value.includes('\0'));
}

/** Whether a child (its process and its pipes, which are sockets) keeps the server's event loop alive. */
function holdOpen(child: ChildProcessWithoutNullStreams, hold: boolean): void {
  for (const stream of [child.stdin, child.stdout, child.stderr] as unknown as Socket[]) {
    if (hold) stream.ref();
    else stream.unref();
  }
  if (hold) child.ref();
  else child.unref();
}

/**
 * Starts one CGI program per request with that request's environment, through a shell started ahead (shortly after
 * the previous request) when one is ready, and directly otherwise. The waiting shell holds nothing open
 * for the server: when the server exits, its stdin ends and it exits too.
 */
export class PrestartedCgi {
  private ready: ChildProcessWithoutNullStreams | undefined;
  private preparing: NodeJS.Timeout | undefined;

  constructor(
    private readonly command: string,
    private readonly args: string[],
  ) {}

  /** Starts the program with exactly `env` (nothing of the server's own environment) and the stdio pipes open. */
  start(env: Record<string, string>): ChildProcessWithoutNullStreams {
    const shell = linesCarry(env) ? this.take() : undefined;
    const child = shell ?? spawn(this.command, this.args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.once('close', () => this.prepareSoon());
    if (!shell) return child;
    holdOpen(shell, true);
    shell.stdin.write(`${Object.entries(env).map(([name, value]) => `${name}=${value}\n`).join('')}\n`);
    return shell;
  }

  private take(): ChildProcessWithoutNullStreams | undefined {
    const shell = this.ready;
    this.ready = undefined;
    return shell && shell.exitCode === null && shell.signalCode === null ? shell : undefined;
  }

  private prepareSoon(): void {
    if (this.preparing) return;
    this.preparing = setTimeout(() => {
      this.preparing = undefined;
      this.prepare();
    }, PREPARE_DELAY_MS);
    this.preparing.unref();
  }

  private prepare(): void {
    if (this.ready) return;
    const shell = spawn(SHELL, ['-c', SCRIPT, this.command, ...this.args], { env: {}, stdio: ['pipe', 'pipe', 'pipe'] });
    // A shell that cannot start, or dies waiting, is simply not used.
    shell.on('error', () => undefined);
    shell.stdin.on('error', () => undefined);
    shell.once('exit', () => {
      if (this.ready === shell) this.ready = undefined;
    });
    holdOpen(shell, false);
    this.ready = shell;
  }
}
