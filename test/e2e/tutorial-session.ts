import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeDeployClient, DeregisterOnPremisesInstanceCommand, ListOnPremisesInstancesCommand } from '@aws-sdk/client-codedeploy';
import { startAwsCliShim, type AwsCliShim } from '../helpers/aws-cli-process.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { ensureBuilt, SERVER_BUILD } from '../helpers/fresh-build.js';
import { README_ENDPOINT, TutorialShell } from './tutorial-shell.js';

/** An instance as `GET /codedeploy/instances` lists it. */
export interface TutorialInstance {
  instanceName: string;
  url?: string;
  containerName?: string;
}

/** The SDK client options for the session's server. */
export interface TutorialClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

function log(line: string): void {
  console.log(line);
}

/**
 * A README tutorial's run: a `codepipeline-local serve` child with its own data folder and one bash shell with
 * the reader's environment (the installed aws CLI, `npx codepipeline-local` told the server's port), into which the
 * section's blocks are pasted in order. Closing it removes the instances a failed run left registered.
 */
export class TutorialSession {
  private next = 0;
  private readonly containers = new Set<string>();

  private constructor(
    readonly blocks: string[],
    readonly scratch: string,
    readonly server: ChildServer,
    readonly shell: TutorialShell,
    readonly client: TutorialClientConfig,
    private readonly aws: AwsCliShim,
  ) {}

  /** Starts the server (from today's build, which the blocks' `npx codepipeline-local` runs too) and the shell. */
  static async start(blocks: string[], cwd: string): Promise<TutorialSession> {
    // The blocks' `npx codepipeline-local` runs the compiled bin, as the reader's does: it must be today's code.
    await ensureBuilt(SERVER_BUILD);
    const scratch = mkdtempSync(join(tmpdir(), 'cpl-tutorial-'));
    const server = await startChildServer(['--data-dir', join(scratch, 'data')]);
    log(`codepipeline-local serve listening on ${server.url} (data in ${scratch}/data)`);
    showImageProgress(server);
    writeFileSync(join(scratch, 'aws-config'), '');
    // The reader's environment, minus anything that would point the CLI or the subcommands elsewhere.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('CODEPIPELINE_LOCAL_')));
    // The blocks' `aws` is the installed CLI's code, run in one long-lived process (a second of CPU less per command).
    const aws = await startAwsCliShim(scratch);
    const env = {
      ...inherited,
      ...aws.env,
      AWS_CONFIG_FILE: join(scratch, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'aws-config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      // `npx codepipeline-local wait|instances` default to port 4599; this tells them the test server's port.
      CODEPIPELINE_LOCAL_PORT: new URL(server.url).port,
      TMPDIR: scratch, // where the tutorial's `mktemp -d` makes the app's folder
      GIT_AUTHOR_NAME: 'Tutorial Reader',
      GIT_AUTHOR_EMAIL: 'reader@example.com',
      GIT_COMMITTER_NAME: 'Tutorial Reader',
      GIT_COMMITTER_EMAIL: 'reader@example.com',
      GIT_TERMINAL_PROMPT: '0',
    };
    const shell = new TutorialShell(cwd, env, scratch, (line) => log(`  ${line}`));
    const client = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    return new TutorialSession(blocks, scratch, server, shell, client, aws);
  }

  /** The index of the next block to paste; set it to go back (a second run) or skip ahead. */
  get position(): number {
    return this.next;
  }

  set position(index: number) {
    this.next = index;
  }

  /** Pastes every block not run yet, up to and including the first one containing `marker`; returns their output. */
  async runThrough(marker: string, timeoutMs: number): Promise<string> {
    const index = this.blocks.findIndex((block, i) => i >= this.next && block.includes(marker));
    if (index < 0) throw new Error(`No README tutorial block from block ${this.next + 1} on contains '${marker}'`);
    let printed = '';
    while (this.next <= index) {
      const block = this.blocks[this.next++].replaceAll(README_ENDPOINT, this.server.url);
      log(`--- README tutorial block ${this.next}/${this.blocks.length}\n${block.replace(/^/gm, '$ ')}`);
      try {
        printed += await this.shell.run(block, timeoutMs);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- server log (last lines) ---\n${this.server.lines.slice(-30).join('\n')}`);
      }
    }
    return printed;
  }

  /** The registered instance `name` with its URL, as `GET /codedeploy/instances` lists it. */
  async instance(name: string): Promise<TutorialInstance> {
    const { instances } = (await (await fetch(`${this.server.url}/codedeploy/instances`)).json()) as { instances: TutorialInstance[] };
    const found = instances.find((i) => i.instanceName === name);
    if (!found?.url) throw new Error(`instance ${name} is not listed with a URL: ${JSON.stringify(instances)}`);
    if (found.containerName) this.containers.add(found.containerName);
    return found;
  }

  /** The container names of the instances seen through instance(). */
  get containerNames(): string[] {
    return [...this.containers];
  }

  /** Ends the shell and the server, deregistering (so removing) the instances a failed run left behind. */
  async close(): Promise<void> {
    await this.shell.close();
    try {
      const deploy = new CodeDeployClient(this.client);
      const { instanceNames } = await deploy.send(new ListOnPremisesInstancesCommand({ registrationStatus: 'Registered' }));
      for (const instanceName of instanceNames ?? []) await deploy.send(new DeregisterOnPremisesInstanceCommand({ instanceName }));
    } catch (error) {
      console.error(`could not deregister the tutorial's instances: ${(error as Error).message}`);
    }
    this.server.child.kill('SIGTERM');
    const stopped = await Promise.race([this.server.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
    if (!stopped) this.server.child.kill('SIGKILL');
    // Last resort, by their exact names: this run's instance containers, had deregistration failed.
    for (const name of this.containers) spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    this.aws.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** Prints the server's log lines about images: a first run spends minutes building them. */
function showImageProgress(server: ChildServer): void {
  server.child.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      const message = /"msg":"([^"]*)"/.exec(line)?.[1];
      if (message && /\bimage\b/i.test(message)) log(`[server] ${message}`);
    }
  });
}
