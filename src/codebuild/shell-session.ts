import { packEntries, type StreamingContainer } from '../runner/index.js';

/** The folder of the agent's files inside the build container, as on CodeBuild. */
const AGENT_TMP_DIR = '/codebuild/output/tmp';
/** The agent's folder as a tar entry: writable by every `run-as` user, since each command rewrites the state in it. */
export const AGENT_TMP_ENTRY = { name: AGENT_TMP_DIR.slice(1), type: 'directory', mode: 0o777 } as const;
const SCRIPT = `${AGENT_TMP_DIR}/script.sh`;
const ENV_FILE = `${AGENT_TMP_DIR}/env.sh`;
// Docker passes the script as one argv string; Linux caps one argument at 128 KiB.
const MAX_ARGV_SCRIPT = 120_000;

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
 * and run by the configured shell in a process of its own. For version 0.2 the script first loads the state the
 * previous command saved (exported and plain variables through `set -a`, the working directory, and with bash
 * the functions) and saves it again on exit, so the state carries across commands and phases; version 0.1 starts
 * every command afresh in CODEBUILD_SRC_DIR.
 */
export class ShellSession {
  private readonly options: ShellSessionOptions;

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

  private async exec(script: string, opts: RunCommandOptions): Promise<number> {
    const { container, env, shell, srcDir } = this.options;
    if (Buffer.byteLength(script) > MAX_ARGV_SCRIPT) {
      await container.putArchive(packEntries([{ name: 'script.sh', type: 'file', mode: 0o666, content: script }]), AGENT_TMP_DIR);
      return container.exec([shell, SCRIPT], { env, user: opts.user, workingDir: srcDir, onStdout: opts.onStdout, onStderr: opts.onStderr });
    }
    // One exec writes the script and runs it: a round trip to Docker saved per command.
    const writeAndRun = `(umask 0; printf '%s' "$1" > ${SCRIPT}) && exec "$2" ${SCRIPT}`;
    return container.exec(['/bin/sh', '-c', writeAndRun, 'sh', script, shell], {
      env,
      user: opts.user,
      workingDir: srcDir,
      onStdout: opts.onStdout,
      onStderr: opts.onStderr,
    });
  }
}
