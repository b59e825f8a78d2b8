import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { OpenExec, StreamingContainer } from '../runner/index.js';
import { packagePath } from '../shared/index.js';
import { AgentOutput } from './agent-output.js';

let agentScript: string | undefined;

// Read once, on the first build: the agent travels with its exec, so nothing of it is baked into build images.
function agentSource(): string {
  agentScript ??= readFileSync(packagePath('docker/build-agent/agent.sh'), 'utf8');
  return agentScript;
}

/** Where a build agent runs its commands: the container, the user, the build's environment and folders. */
export interface BuildAgentOptions {
  container: StreamingContainer;
  /** The build's environment, which every command inherits. */
  env: Readonly<Record<string, string>>;
  /** `run-as`: the Linux user of the agent and its commands; root when absent. */
  user?: string;
  /** Where each command's script is written. */
  scriptPath: string;
  /** CODEBUILD_SRC_DIR, where each command starts. */
  srcDir: string;
}

/** Where one command's output goes. */
export interface AgentCommandSinks {
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
}

interface Running {
  sinks: AgentCommandSinks;
  status?: number;
  stderrEnded: boolean;
  resolve(status: number): void;
  reject(error: Error): void;
}

/**
 * The emulator's end of a build's agent (docker/build-agent/agent.sh): one `docker exec -i` kept open for the build,
 * each command (or the sources' archive) sent as a frame on its stdin, its output streamed back raw on stdout and
 * stderr up to the agent's end marker on each. A command thus costs a write and a read instead of a `docker exec`
 * (create, start, inspect), and the sources no `docker cp`.
 */
export class BuildAgent {
  private running: Running | undefined;
  private gone = false;
  private readonly token = randomBytes(16).toString('hex');

  private constructor(private readonly exec: OpenExec) {
    void exec.ended.then((status) => this.lose(status));
    // The token goes first, on stdin: a command cannot read it from the agent's argv or environment.
    exec.write(`${this.token}\n`);
  }

  /** Starts the agent in the build container; the container's folders need not exist until the first command. */
  static async start(options: BuildAgentOptions): Promise<BuildAgent> {
    const { container, env, user, scriptPath, srcDir } = options;
    // Output before the agent object exists is none: the agent writes only once it has a command.
    let agent: BuildAgent | undefined;
    const exec = await container.open(['/bin/sh', '-c', agentSource(), 'codebuild-agent', scriptPath, srcDir], {
      env,
      user,
      workingDir: '/',
      onStdout: (chunk) => agent?.stdout.write(chunk),
      onStderr: (chunk) => agent?.stderr.write(chunk),
    });
    agent = new BuildAgent(exec);
    return agent;
  }

  private readonly stdout = new AgentOutput(this.token, {
    onData: (chunk) => this.running?.sinks.onStdout(chunk),
    onEnd: (status) => {
      if (this.running !== undefined) this.running.status = status;
      this.settle();
    },
  });

  private readonly stderr = new AgentOutput(this.token, {
    onData: (chunk) => this.running?.sinks.onStderr(chunk),
    onEnd: () => {
      if (this.running !== undefined) this.running.stderrEnded = true;
      this.settle();
    },
  });

  /** Whether the agent is gone (the container stopped or was removed, or the agent was killed). */
  get lost(): boolean {
    return this.gone;
  }

  /** Runs one script with `shell` and resolves with its exit status; one command at a time. */
  run(script: string, shell: string, sinks: AgentCommandSinks): Promise<number> {
    return this.send('run', shell, Buffer.from(script, 'utf8'), sinks);
  }

  /** Extracts a tar archive into a folder of the container with the image's `tar`; resolves with its exit status (127: no tar). */
  extract(tar: Buffer, dir: string, sinks: AgentCommandSinks): Promise<number> {
    return this.send('untar', dir, tar, sinks);
  }

  /** Ends the agent (its stdin closes). */
  close(): void {
    this.exec.close();
  }

  private send(kind: 'run' | 'untar', arg: string, payload: Buffer, sinks: AgentCommandSinks): Promise<number> {
    if (this.running !== undefined) return Promise.reject(new Error('the build agent is already running a command'));
    if (this.gone) return Promise.reject(lostError());
    return new Promise((resolve, reject) => {
      this.running = { sinks, stderrEnded: false, resolve, reject };
      // One write: the frame arrives whole, and nothing follows it until the agent has answered.
      this.exec.write(Buffer.concat([Buffer.from(`${payload.length} ${kind} ${arg}\n`, 'utf8'), payload]));
    });
  }

  // A command is over once both streams have carried its end marker: each stream is in order, the two are not.
  private settle(): void {
    const running = this.running;
    if (running?.status === undefined || !running.stderrEnded) return;
    this.running = undefined;
    running.resolve(running.status);
  }

  // The agent's own exit status is the command's when Docker knows it: 126 when the run-as user does not exist
  // (Docker's message is the output), 137 when the agent was killed with it (out of memory). Without one (the
  // container is gone: stopped or timed out) the command fails with an error.
  private lose(status: number | undefined): void {
    this.gone = true;
    const running = this.running;
    this.running = undefined;
    if (running === undefined) return;
    if (status === undefined) running.reject(lostError());
    else running.resolve(status);
  }
}

function lostError(): Error {
  return new Error("the build container's agent ended: the container stopped or was removed, or the agent was killed");
}
