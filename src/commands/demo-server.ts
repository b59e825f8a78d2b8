import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { ENV, type Config } from '../config.js';
import { packagePath } from '../shared/index.js';
import { cliEntry } from './cli-entry.js';
import { commandName } from './command-name.js';
import type { Say } from './demo-steps.js';
import { awsErrorName, foreignAnswerText, isForeignAnswer, LocalClients } from './local-clients.js';
import { isServerProcess, runningServerPid, serverLogFile, writeServerPid } from './stop-server.js';


const START_TIMEOUT_MS = 60_000; // opening the store and restoring instance containers takes a few seconds at most
const POLL_MS = 150;
const ANSWER_TIMEOUT_MS = 2000; // a server that takes longer to list pipelines is counted as not answering yet
const LOG_TAIL_LINES = 15;

/** The emulator the demo talks to: its URL, and whether the demo started it. */
export interface DemoServer {
  url: string;
  started: boolean;
  pid?: number;
}

/** The flags that give a `serve` child exactly the demo's configuration. */
export function serveArgs(config: Config): string[] {
  const args = ['serve', '--host', config.host, '--port', String(config.port), '--data-dir', config.dataDir, '--s3-dir', config.s3Dir];
  args.push('--region', config.region, '--account', config.account, '--log-level', config.logLevel);
  if (config.pipelinesDir) args.push('--pipelines-dir', config.pipelinesDir);
  if (config.imageMap) args.push('--image-map', config.imageMap);
  if (config.secretsFile) args.push('--secrets-file', config.secretsFile);
  for (const [name, path] of Object.entries(config.repositories)) args.push('--repo', `${name}=${path}`);
  return args;
}

/**
 * The server's environment: this one's, with the Docker engine and its TLS settings. The TLS variables are set only
 * when TLS is on: dockerode reads DOCKER_CERT_PATH by itself and fails, at the first Docker call, when it names a
 * folder without certificates (~/.docker, the default, usually has none).
 */
function serverEnv(config: Config): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, [ENV.dockerHost]: config.dockerHost };
  delete env[ENV.dockerTlsVerify];
  delete env[ENV.dockerCertPath];
  return config.dockerTlsVerify ? { ...env, [ENV.dockerTlsVerify]: '1', [ENV.dockerCertPath]: config.dockerCertPath } : env;
}

/** Whether codepipeline-local answers at the configured address; another program there is an error. */
async function answers(api: LocalClients): Promise<boolean> {
  const { sdk, client } = await api.codePipeline();
  try {
    await client.send(new sdk.ListPipelinesCommand({}), api.options(ANSWER_TIMEOUT_MS));
    return true;
  } catch (error) {
    if (isForeignAnswer(error)) throw new Error(`${foreignAnswerText(api.url, error)}; choose another port with --port`);
    // An AWS error is an answer too: codepipeline-local is there.
    return awsErrorName(error) !== undefined;
  }
}

/** The last lines of the server log, indented, to show why a start failed. */
export function logTail(dataDir: string, lines = LOG_TAIL_LINES): string {
  const file = serverLogFile(dataDir);
  if (!existsSync(file)) return '';
  const tail = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
  return tail.map((l) => `      ${l}`).join('\n');
}

/** Starts `codepipeline-local serve` detached from this process, its output appended to the server log. */
function spawnServer(config: Config): { pid: number; exited: Promise<number | null> } {
  mkdirSync(config.dataDir, { recursive: true });
  const log = openSync(serverLogFile(config.dataDir), 'a');
  try {
    const child = spawn(process.execPath, [...cliEntry(), ...serveArgs(config)], {
      cwd: packagePath(),
      detached: true,
      stdio: ['ignore', log, log],
      env: serverEnv(config),
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('error', () => undefined);
    // The server outlives the demo: the user explores it afterwards and `codepipeline-local stop` ends it.
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${process.execPath} ${cliEntry().join(' ')}`);
    return { pid: child.pid, exited };
  } finally {
    closeSync(log);
  }
}

/** Waits until the server answers; throws with the end of its log when it exits (`exited` says how) or stays silent. */
async function untilAnswering(api: LocalClients, config: Config, pid: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(api))) {
    const how = exited();
    if (how) throw new Error(`the server (pid ${pid}) exited (${how}) before answering; the end of ${serverLogFile(config.dataDir)}:\n${logTail(config.dataDir)}`);
    if (Date.now() > deadline) throw new Error(`the server (pid ${pid}) did not answer within ${START_TIMEOUT_MS / 1000} s; the end of ${serverLogFile(config.dataDir)}:\n${logTail(config.dataDir)}`);
    await sleep(POLL_MS);
  }
}

/** Reuses the emulator that answers at the configured address, or starts one in the background and waits until it answers. */
export async function ensureServer(config: Config, say: Say): Promise<DemoServer> {
  const api = new LocalClients(config);
  if (await answers(api)) {
    const pid = runningServerPid(config.dataDir);
    say(`codepipeline-local already answers at ${api.url}${pid ? ` (pid ${pid})` : ''}: reusing it`);
    return { url: api.url, started: false, ...(pid ? { pid } : {}) };
  }
  const starting = runningServerPid(config.dataDir);
  if (starting !== undefined) {
    // A server of this data directory that does not answer yet is still starting: a second one could not bind the port.
    say(`codepipeline-local (pid ${starting}) of this data directory runs but does not answer yet; waiting for it (if it listens on another port, stop it with \`${commandName()} stop\`)`);
    await untilAnswering(api, config, starting, () => (isServerProcess(starting) ? undefined : 'gone'));
    return { url: api.url, started: false, pid: starting };
  }
  say(`starting \`codepipeline-local serve\` in the background on ${api.url}; log: ${serverLogFile(config.dataDir)}`);
  const { pid, exited } = spawnServer(config);
  writeServerPid(config.dataDir, pid);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));
  await untilAnswering(api, config, pid, () => (exitCode === undefined ? undefined : `code ${exitCode}`));
  say(`codepipeline-local (pid ${pid}) answers at ${api.url}`);
  return { url: api.url, started: true, pid };
}
