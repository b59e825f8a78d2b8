import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

/** What one AWS CLI command printed and how it ended, as its process would have. */
export interface AwsCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const DRIVER = fileURLToPath(new URL('./aws-cli-driver.py', import.meta.url));
const SHIM = fileURLToPath(new URL('./aws-cli-shim.py', import.meta.url));

interface Driver {
  child: ChildProcessWithoutNullStreams;
  answer?: (run: AwsCliRun) => void;
  failed?: (error: Error) => void;
}

const idle: Driver[] = [];
let python: string | undefined;

/** The Python that runs the `aws` on PATH, read from its `#!` line; throws, naming what it found, when that is not Python. */
function awsPython(): string {
  if (python) return python;
  const dir = (process.env.PATH ?? '').split(delimiter).find((d) => {
    try {
      accessSync(join(d, 'aws'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!dir) throw new Error('The AWS CLI (`aws`) is not on PATH, and this test needs it: install the AWS CLI and run the tests again.');
  const shebang = readFileSync(join(dir, 'aws'), 'utf8').split('\n', 1)[0];
  const interpreter = /^#!\s*(\S*python[\d.]*)\s*$/.exec(shebang)?.[1];
  if (!interpreter) throw new Error(`${join(dir, 'aws')} does not start with a Python #! line (${shebang}); the tests run the AWS CLI v1 through its Python.`);
  return (python = interpreter);
}

function startDriver(): Driver {
  const child = spawn(awsPython(), [DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
  const driver: Driver = { child };
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const settle = driver.answer;
    driver.answer = driver.failed = undefined;
    settle?.(JSON.parse(line) as AwsCliRun);
  });
  child.on('exit', (code, signal) => {
    const index = idle.indexOf(driver);
    if (index >= 0) idle.splice(index, 1);
    driver.failed?.(new Error(`the AWS CLI driver (${DRIVER}) exited (${signal ?? code}): ${stderr}`));
  });
  child.on('error', (error) => driver.failed?.(error));
  // An idle driver must not keep a test worker alive; it ends by itself when its stdin closes.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  return driver;
}

/**
 * Runs `aws ...args` with `env` added to this process's environment (undefined removes a variable) in `cwd`, as the
 * `aws` script would, in a long-lived Python process that has the CLI imported already
 * (test/helpers/aws-cli-driver.py). Commands that run at the same time each get a process of their own.
 */
export function runAwsCli(args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<AwsCliRun> {
  const driver = idle.pop() ?? startDriver();
  return new Promise<AwsCliRun>((resolve, reject) => {
    driver.answer = (run) => {
      idle.push(driver);
      resolve(run);
    };
    driver.failed = reject;
    const wire = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v ?? null]));
    driver.child.stdin.write(`${JSON.stringify({ args, env: wire, cwd })}\n`);
  });
}

/**
 * The environment of a user's shell with credentials and config files of its own in `scratch`: inherited AWS_*
 * variables (a profile, a session token, an endpoint) are removed, as they would change what the CLI sends.
 */
export function scratchCliEnv(scratch: string): Record<string, string | undefined> {
  const foreign = Object.fromEntries(Object.keys(process.env).filter((key) => key.startsWith('AWS_')).map((key) => [key, undefined]));
  return {
    ...foreign,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: join(scratch, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'credentials'),
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs `aws` against `endpoint` in `scratch` with scratchCliEnv's environment, its JSON output parsed. */
export async function awsInScratch(endpoint: string, scratch: string, args: string[]): Promise<AwsCliRun & { json: any }> {
  const run = await runAwsCli(['--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json', ...args], scratchCliEnv(scratch), scratch);
  return { ...run, json: parsedJson(run.stdout) };
}

/** The command's JSON output, or undefined when it printed none or something else. */
export function parsedJson(stdout: string): any {
  try {
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  } catch {
    return undefined;
  }
}

/** An `aws` command that a shell finds first on its PATH, answered by a long-lived AWS CLI driver. */
export interface AwsCliShim {
  /** What the shell's environment needs: PATH with the shim's folder first, and the driver's socket. */
  env: { PATH: string; AWS_CLI_DRIVER_SOCKET: string };
  /** Stops the driver. */
  close(): void;
}

/**
 * Puts an `aws` command in `scratch` (test/helpers/aws-cli-shim.py) that runs each command line in one long-lived
 * driver, as the `aws` script would run it, with the shell's arguments, environment and folder: the same CLI code,
 * without a second of CPU per command to start Python and import the CLI. test/cli/aws-cli.test.ts runs the `aws`
 * script itself.
 */
export async function startAwsCliShim(scratch: string): Promise<AwsCliShim> {
  const bin = join(scratch, 'aws-cli-bin');
  const socket = join(scratch, 'aws-cli.sock');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'aws'), `#!${awsPython()} -S\n${readFileSync(SHIM, 'utf8')}`);
  chmodSync(join(bin, 'aws'), 0o755);
  const child = spawn(awsPython(), [DRIVER, '--socket', socket], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  // The driver binds its socket once the CLI is imported; a driver that exited ends the wait too.
  await waitFor(() => existsSync(socket) || child.exitCode !== null, { description: `the AWS CLI driver listening on ${socket}` }).catch(() => undefined);
  if (!existsSync(socket)) {
    child.kill();
    throw new Error(`the AWS CLI driver did not listen on ${socket}: ${stderr}`);
  }
  return { env: { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, AWS_CLI_DRIVER_SOCKET: socket }, close: () => void child.kill() };
}
