import { posix } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { StreamingContainer } from '../runner/index.js';
import { BuildAgent } from './build-agent.js';
import { shellQuote } from './shell-quote.js';

/** The folder of the agent's files inside the build container, as on CodeBuild. */
const AGENT_TMP_DIR = '/codebuild/output/tmp';
/** The agent's folder as a tar entry: writable by every `run-as` user, since each command rewrites the state in it. */
export const AGENT_TMP_ENTRY = { name: AGENT_TMP_DIR.slice(1), type: 'directory', mode: 0o777 } as const;
const SCRIPT = `${AGENT_TMP_DIR}/script.sh`;
const ENV_FILE = `${AGENT_TMP_DIR}/env.sh`;
// The shell's exit status for a command it cannot find.
const NOT_FOUND = 127;

/** Options for {@link ShellSession}. */
export interface ShellSessionOptions {
  container: StreamingContainer;
  /** The build's environment, handed to every command: the container itself is created without it (it may be a warm one). */
  env: Readonly<Record<string, string>>;
  version: '0.1' | '0.2';
  /** The shell that runs each command: `bash` or `/bin/sh`. */
  shell: string;
  /** CODEBUILD_SRC_DIR, where commands start. */
  srcDir: string;
}

/** The per-command values CodeBuild keeps updating between commands. */
export interface CommandState {
  /** CODEBUILD_BUILD_SUCCEEDING: false once any phase (or command) failed. */
  succeeding: boolean;
  /** CODEBUILD_LAST_EXIT: the previous command's exit status. */
  lastExit: number;
}

/** Options for {@link ShellSession.run}. */
export interface RunCommandOptions {
  state: CommandState;
  /** `run-as`: the Linux user the command runs as; root when absent. */
  user?: string;
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
}

/**
 * Runs buildspec commands the way CodeBuild's agent does: each command is written to
 * /codebuild/output/tmp/script.sh (the user's text from line 4, so shell errors read `script.sh: line 4: ...`)
 * and run by the configured shell in a process of its own, started by the build's agent ({@link BuildAgent}, one per
 * run-as user) rather than by a `docker exec` per command. For version 0.2 the script first loads the state the
 * previous command saved (exported and plain variables through `set -a`, the working directory, and with bash
 * the functions) and saves it again on exit, so the state carries across commands and phases; version 0.1 starts
 * every command afresh in CODEBUILD_SRC_DIR.
 */
export class ShellSession {
  private readonly options: ShellSessionOptions;
  private readonly agents = new Map<string, Promise<BuildAgent>>();

  constructor(options: ShellSessionOptions) {
    this.options = options;
  }

  /** Runs one command and resolves with its exit status; output streams through the callbacks. */
  run(command: string, opts: RunCommandOptions): Promise<number> {
    return this.exec(`${this.prelude(opts.state, true)}${command}`, opts);
  }

  /**
   * Reads values at the end of the build, in the shell state the commands left: variables by name (unset reads
   * as empty) and expressions evaluated by the shell inside double quotes (artifact `name`s).
   */
  async evaluate(names: readonly string[], expressions: readonly string[], state: CommandState): Promise<string[]> {
    const args = [...names.map((name) => `"\${${name}-}"`), ...expressions.map((e) => `"${e}"`)];
    if (args.length === 0) return [];
    const chunks: Buffer[] = [];
    const command = `printf '%s\\000' ${args.join(' ')}`;
    await this.exec(`${this.prelude(state, false)}${command}`, {
      state,
      onStdout: (chunk) => chunks.push(chunk),
      onStderr: () => undefined,
    });
    const values = Buffer.concat(chunks).toString('utf8').split('\0');
    return args.map((_, index) => values[index] ?? '');
  }

  // Three lines, so the command starts on line 4 as on CodeBuild.
  private prelude(state: CommandState, save: boolean): string {
    const vars = `CODEBUILD_BUILD_SUCCEEDING=${state.succeeding ? 1 : 0}; CODEBUILD_LAST_EXIT=${state.lastExit}`;
    if (this.options.version === '0.1') return `export ${vars}\n\n\n`;
    const load = `set -a; if [ -f ${ENV_FILE} ]; then . ${ENV_FILE}; fi; ${vars}`;
    const cd = 'cd "${__CODEBUILD_PWD:-$CODEBUILD_SRC_DIR}" 2>/dev/null || cd "$CODEBUILD_SRC_DIR"; unset __CODEBUILD_PWD';
    // umask 0 so a later command running as another user (run-as) can still rewrite the state file.
    const dump = `(unset SHLVL __cb_rc; export -p); if [ -n "$BASH_VERSION" ]; then declare -f; fi`;
    const trap = save
      ? `trap '__cb_rc=$?; __CODEBUILD_PWD=$PWD; umask 0; { ${dump}; } > ${ENV_FILE}; exit $__cb_rc' EXIT`
      : '';
    return `${load}\n${cd}\n${trap}\n`;
  }

  /**
   * Streams a tar of a path in the container (entries named from its last segment down, as Docker's archives are)
   * into `read`, made by the image's `tar` through the root agent: no `docker cp`, whose archiving costs the engine a
   * process of its own. A path that does not exist gives an empty stream. Resolves false, having given `read` an
   * empty stream, when the image has no `tar`.
   */
  async archive(path: string, read: (tar: Readable) => Promise<void>): Promise<boolean> {
    const quoted = shellQuote(path);
    const script = [
      'command -v tar >/dev/null 2>&1 || exit 127',
      `[ -e ${quoted} ] || [ -L ${quoted} ] || exit 0`,
      `cd ${shellQuote(posix.dirname(path))} && exec tar -cf - ${shellQuote(posix.basename(path))}`,
    ].join('\n');
    const tar = new PassThrough();
    const reading = read(tar);
    // Awaited below, once the agent is done; a reader failing early must not count as unhandled meanwhile.
    reading.catch(() => undefined);
    let bytes = 0;
    const stderr: Buffer[] = [];
    let status: number;
    try {
      status = await this.runScript(script, {
        onStdout: (chunk) => {
          bytes += chunk.length;
          tar.write(chunk);
        },
        onStderr: (chunk) => stderr.push(chunk),
      });
    } finally {
      tar.end();
    }
    await reading;
    if (status === NOT_FOUND && bytes === 0) return false;
    // 1 is GNU tar's "a file changed as it was read": the archive is whole all the same.
    if (status > 1) throw new Error(`tar of ${path} failed with exit status ${status}: ${Buffer.concat(stderr).toString('utf8').trim()}`);
    return true;
  }

  /**
   * Extracts a tar archive into a folder of the container through the root agent (the image's `tar`, no `docker cp`);
   * resolves false when the image has no `tar`, true once extracted, and throws when `tar` failed.
   */
  async extract(archive: Buffer, dir: string): Promise<boolean> {
    const agent = await this.liveAgent(undefined);
    const stderr: Buffer[] = [];
    const status = await agent.extract(archive, dir, { onStdout: (chunk) => stderr.push(chunk), onStderr: (chunk) => stderr.push(chunk) });
    if (status === NOT_FOUND) return false;
    if (status !== 0) throw new Error(`extracting the sources failed with exit status ${status}: ${Buffer.concat(stderr).toString('utf8').trim()}`);
    return true;
  }

  /**
   * Runs a script of the emulator's own (not a buildspec command: no shell state, no CODEBUILD_* updates) with
   * /bin/sh as root, and resolves with its exit status.
   */
  async runScript(script: string, sinks: Pick<RunCommandOptions, 'onStdout' | 'onStderr'>): Promise<number> {
    const agent = await this.liveAgent(undefined);
    return agent.run(script, '/bin/sh', { onStdout: sinks.onStdout, onStderr: sinks.onStderr });
  }

  /** Starts the agent of a user (root when absent) ahead of its first command, so its exec is not on the way. */
  prepare(user?: string): void {
    this.agent(user).catch(() => undefined);
  }

  /** Ends the session's agents. */
  close(): void {
    for (const agent of this.agents.values()) void agent.then((a) => a.close(), () => undefined);
    this.agents.clear();
  }

  private async exec(script: string, opts: RunCommandOptions): Promise<number> {
    const agent = await this.liveAgent(opts.user);
    return agent.run(script, this.options.shell, { onStdout: opts.onStdout, onStderr: opts.onStderr });
  }

  // An agent that died (killed, say) is replaced: only the command under way when it died has failed.
  private async liveAgent(user: string | undefined): Promise<BuildAgent> {
    const agent = await this.agent(user);
    if (!agent.lost) return agent;
    this.agents.delete(user ?? '');
    return this.agent(user);
  }

  // One agent per user: the user of an exec is fixed when it starts.
  private agent(user: string | undefined): Promise<BuildAgent> {
    const key = user ?? '';
    let agent = this.agents.get(key);
    if (agent === undefined) {
      const { container, env, srcDir } = this.options;
      agent = BuildAgent.start({ container, env, user, scriptPath: SCRIPT, srcDir });
      this.agents.set(key, agent);
      // A failed start is not kept: the next command tries again (and reports the error itself).
      agent.catch(() => {
        if (this.agents.get(key) === agent) this.agents.delete(key);
      });
    }
    return agent;
  }
}
