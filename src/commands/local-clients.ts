import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV, ROOT_KEY_FILE, type Config } from '../config.js';
import { commandName } from './command-name.js';

const REQUEST_TIMEOUT_MS = 10_000; // milliseconds

type PipelineSdk = typeof import('./sdk-codepipeline.js');
type DemoSdk = typeof import('./sdk-demo-services.js');

/** An SDK module and a client of it, made for the server the configuration points at. */
export interface Loaded<Sdk, Client> {
  sdk: Sdk;
  client: Client;
}

/** The clients only the demo uses, with their commands. */
export interface DemoClients {
  sdk: DemoSdk;
  codecommit: InstanceType<DemoSdk['CodeCommitClient']>;
  codebuild: InstanceType<DemoSdk['CodeBuildClient']>;
  codedeploy: InstanceType<DemoSdk['CodeDeployClient']>;
}

/** The URL of the server the configuration points at; a server bound to every interface is reached through loopback. */
export function serverUrl(config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** The AWS error a running codepipeline-local answered with (it sends a request id with every answer), if `error` is one. */
function serviceError(error: unknown): { name: string; message: string } | undefined {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } } | undefined;
  return e?.$metadata?.requestId && e.name ? { name: e.name, message: e.message ?? '' } : undefined;
}

/** The bare name of the AWS error a call failed with (e.g. `PipelineNotFoundException`); undefined for any other failure. */
export function awsErrorName(error: unknown): string | undefined {
  return serviceError(error)?.name;
}

/** True when something answered over HTTP but not as codepipeline-local would (no AWS request id): another program holds the port. */
export function isForeignAnswer(error: unknown): boolean {
  const metadata = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } } | undefined)?.$metadata;
  return metadata?.httpStatusCode !== undefined && !metadata.requestId;
}

/** With --iam, the commands sign with the root key: the one given, else the one the server keeps in the data folder. */
function rootCredentials(config: Config): { accessKeyId: string; secretAccessKey: string } {
  if (config.rootAccessKeyId && config.rootSecretAccessKey) return { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey };
  try {
    return JSON.parse(readFileSync(join(config.dataDir, ROOT_KEY_FILE), 'utf8')) as { accessKeyId: string; secretAccessKey: string };
  } catch {
    throw new Error(`--iam: no root key given (--root-access-key-id, --root-secret-access-key) and none kept in ${config.dataDir}`);
  }
}

/**
 * The SDK v3 clients of a running emulator, as the command-line subcommands use them. Each SDK is imported on
 * first use, so a command loads only the clients it calls (and `--version`, `stop`, `instances` none).
 */
export class LocalClients {
  readonly url: string;
  private pipeline?: Promise<Loaded<PipelineSdk, InstanceType<PipelineSdk['CodePipelineClient']>>>;
  private demo?: Promise<DemoClients>;

  constructor(private readonly config: Config) {
    this.url = serverUrl(config);
  }

  /** What every client is made with: the server's URL, the configured region, and the account as a 12-digit access key id (the server reads the account from it). */
  private settings() {
    return {
      endpoint: this.url,
      region: this.config.region,
      credentials: this.config.iam ? rootCredentials(this.config) : { accessKeyId: this.config.account, secretAccessKey: 'codepipeline-local' },
      // One attempt: a server that is down is reported at once, and no call is sent twice.
      maxAttempts: 1,
    };
  }

  /** Per-call options: how long to wait for the answer (registering an instance starts a container, so it waits longer). */
  options(timeoutMs = REQUEST_TIMEOUT_MS): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(timeoutMs) };
  }

  /** The CodePipeline client and its commands. */
  codePipeline(): Promise<Loaded<PipelineSdk, InstanceType<PipelineSdk['CodePipelineClient']>>> {
    this.pipeline ??= import('./sdk-codepipeline.js').then((sdk) => ({ sdk, client: new sdk.CodePipelineClient(this.settings()) }));
    return this.pipeline;
  }

  /** The CodeCommit, CodeBuild and CodeDeploy clients and the commands the demo sends. */
  demoServices(): Promise<DemoClients> {
    this.demo ??= import('./sdk-demo-services.js').then((sdk) => {
      const settings = this.settings();
      return { sdk, codecommit: new sdk.CodeCommitClient(settings), codebuild: new sdk.CodeBuildClient(settings), codedeploy: new sdk.CodeDeployClient(settings) };
    });
    return this.demo;
  }

  /** Explains an AWS error (`Type: message`), or why the server could not be reached or understood and how to fix it. */
  describeFailure(error: unknown): string {
    const aws = serviceError(error);
    if (aws) return `${aws.name}: ${aws.message}\n`;
    if (isForeignAnswer(error)) return `${foreignAnswerText(this.url, error)}\n`;
    const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const reason = e.code ?? e.cause?.code ?? e.cause?.message ?? e.message;
    return (
      `codepipeline-local is not reachable at ${this.url} (${reason}).\n` +
      `Start it with \`${commandName()} serve --port ${this.config.port}\`, or point this command at a running one ` +
      `with --host/--port (${ENV.host}/${ENV.port}).\n`
    );
  }
}

/** Says that the program at `url` is not codepipeline-local. */
export function foreignAnswerText(url: string, error: unknown): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `The server at ${url} did not answer as codepipeline-local (HTTP ${status}, no AWS request id)`;
}
