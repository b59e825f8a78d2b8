import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../helpers/wait.js';

/** The title of the README section whose bash blocks are the tutorial. */
export const TUTORIAL_SECTION = '## Tutorial: from a commit to a page served by Nginx';

/** The endpoint the README's commands name; the test's server listens elsewhere. */
export const README_ENDPOINT = 'http://127.0.0.1:4599';

const DONE = '__TUTORIAL_BLOCK_DONE__';

/** The title of the README section whose bash blocks are the S3 bucket → CodeDeploy tutorial. */
export const S3_TUTORIAL_SECTION = '## Tutorial: from an S3 bucket to a page served by Nginx';

/** The ```bash blocks of a README tutorial section (the CodeCommit one by default), in order, as a reader would copy them. */
export function tutorialBlocks(readme: string, title: string = TUTORIAL_SECTION): string[] {
  const start = readme.indexOf(`\n${title}\n`);
  if (start < 0) throw new Error(`README.md has no section titled '${title}'`);
  const rest = readme.slice(start + title.length + 2);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/**
 * One bash process into which README blocks are pasted one after the other, as into a user's terminal:
 * variables set by a block (E, APP, URL, TOKEN) stay for the next ones. `set -euo pipefail` makes the first
 * failing command end the shell, so a step that does not work as written fails the test with its output.
 */
export class TutorialShell {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private output = '';
  private pending = '';
  private blocks = 0;
  private quiet = false;

  /** Everything the shell printed so far (stdout and stderr, in order). */
  get transcript(): string {
    return this.output;
  }

  constructor(
    cwd: string,
    env: NodeJS.ProcessEnv,
    private readonly scratch: string,
    private readonly print: (line: string) => void,
  ) {
    // One stream (exec 2>&1 below) keeps git's stderr in order with the rest.
    // Its own process group, so a step that hangs is ended with everything it started (aws, npx, git).
    this.child = spawn('bash', ['--noprofile', '--norc'], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.child.stdout!.on('data', (chunk: Buffer) => this.take(chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => this.take(chunk.toString()));
    // Writing to a shell that already ended fails in run(), with its output; the pipe's own error says less.
    this.child.stdin!.on('error', () => undefined);
    this.child.stdin!.write('exec 2>&1\nset -euo pipefail\n');
  }

  /**
   * Runs one block in the shell (from a file, with stdin closed, so no command can swallow the next block)
   * and returns what it printed. Rejects, with the output, when the shell ends or the block outlasts the timeout.
   */
  async run(block: string, timeoutMs: number): Promise<string> {
    const file = join(this.scratch, `block-${++this.blocks}.sh`);
    writeFileSync(file, block);
    const from = this.output.length;
    this.child.stdin!.write(`source ${JSON.stringify(file)} </dev/null\nprintf '%s\\n' ${DONE}\n`);
    const finished = () => this.output.indexOf(DONE, from) >= 0;
    let outcome = 'done';
    try {
      await waitFor(() => finished() || this.ended(), { timeoutMs, intervalMs: 50 });
      if (!finished()) outcome = `the shell exited (code ${this.child.exitCode}, signal ${this.child.signalCode})`;
    } catch {
      outcome = `the block did not finish within ${timeoutMs / 1000} s`;
    }
    const printed = this.output.slice(from).replace(`${DONE}\n`, '');
    if (outcome !== 'done') throw new Error(`README tutorial block failed: ${outcome}.\n--- block ---\n${block}--- output ---\n${printed}`);
    return printed;
  }

  /** The value of a shell variable (set by an earlier block). */
  async variable(name: string): Promise<string> {
    this.quiet = true;
    try {
      return (await this.run(`printf '%s\\n' "$${name}"\n`, 10_000)).trim();
    } finally {
      this.quiet = false;
    }
  }

  /** Ends the shell and anything still running in its process group. */
  async close(): Promise<void> {
    if (this.ended()) return;
    this.child.stdin!.end();
    try {
      process.kill(-this.child.pid!, 'SIGTERM');
    } catch {
      // The group is already gone.
    }
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }

  private ended(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private take(text: string): void {
    this.output += text;
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop()!;
    for (const line of lines) if (line !== DONE && !this.quiet) this.print(line);
  }
}
