import { ENV, type Config } from '../config.js';
import { commandName } from './command-name.js';

const REQUEST_TIMEOUT_MS = 10_000; // milliseconds

/** The services the server speaks, each with its JSON 1.1 target prefix and SigV4 signing name. */
export const LOCAL_SERVICES = {
  codepipeline: { targetPrefix: 'CodePipeline_20150709', signingName: 'codepipeline' },
  codebuild: { targetPrefix: 'CodeBuild_20161006', signingName: 'codebuild' },
  codedeploy: { targetPrefix: 'CodeDeploy_20141006', signingName: 'codedeploy' },
  codecommit: { targetPrefix: 'CodeCommit_20150413', signingName: 'codecommit' },
} as const;

/** One of the services the server speaks. */
export type LocalService = keyof typeof LOCAL_SERVICES;

/** Per-call options: how long to wait for the answer (some calls, such as registering an instance, start containers). */
export interface CallOptions {
  timeoutMs?: number;
}

/** The answer of one API call: whether it succeeded and its JSON body. */
export interface ApiAnswer {
  ok: boolean;
  body: Record<string, any>;
}

/** The server answered, but not as codepipeline-local would: another program holds the port. */
export class UnexpectedAnswer extends Error {}

/** An AWS error the server answered with, as `Type: message`; `type` is the bare error name. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly type = '',
  ) {
    super(message);
  }
}

/** The URL of the server the configuration points at; a server bound to every interface is reached through loopback. */
export function serverUrl(config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** Calls a running emulator's API (CodePipeline unless told otherwise), as the command-line subcommands do. */
export class LocalApiClient {
  readonly url: string;

  constructor(
    private readonly config: Config,
    readonly service: LocalService = 'codepipeline',
  ) {
    this.url = serverUrl(config);
  }

  /** A client of the same server for another of its services. */
  forService(service: LocalService): LocalApiClient {
    return new LocalApiClient(this.config, service);
  }

  /** Calls one operation of the client's service with a JSON body. */
  async call(operation: string, body: object, options: CallOptions = {}): Promise<ApiAnswer> {
    const { targetPrefix, signingName } = LOCAL_SERVICES[this.service];
    const response = await fetch(`${this.url}/`, {
      method: 'POST',
      headers: {
        'X-Amz-Target': `${targetPrefix}.${operation}`,
        'Content-Type': 'application/x-amz-json-1.1',
        // The server reads account and region from the credential scope; a 12-digit key names the account.
        Authorization: `AWS4-HMAC-SHA256 Credential=${this.config.account}/20260101/${this.config.region}/${signingName}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return { ok: response.ok, body: text ? JSON.parse(text) : {} };
    } catch {
      throw new UnexpectedAnswer(`The server at ${this.url} did not answer as codepipeline-local (HTTP ${response.status}, not JSON)`);
    }
  }

  /** Calls an operation and throws its AWS error as `Type: message` when it fails. */
  async require(operation: string, body: object, options: CallOptions = {}): Promise<Record<string, any>> {
    const answer = await this.call(operation, body, options);
    if (!answer.ok) throw new ApiError(errorText(answer.body), errorType(answer.body));
    return answer.body;
  }

  /** Explains an AWS error, or why the server could not be reached or understood and how to fix it. */
  describeFailure(error: unknown): string {
    if (error instanceof UnexpectedAnswer || error instanceof ApiError) return `${error.message}\n`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    return (
      `codepipeline-local is not reachable at ${this.url} (${reason}).\n` +
      `Start it with \`${commandName()} serve --port ${this.config.port}\`, or point this command at a running one ` +
      `with --host/--port (${ENV.host}/${ENV.port}).\n`
    );
  }
}

/** The bare name of an AWS error body's type, e.g. `RepositoryDoesNotExistException`. */
export function errorType(body: Record<string, unknown>): string {
  // AWS prefixes some error types with a namespace (`com.amazonaws...#Name`); the CLI shows the name.
  return String(body.__type ?? 'UnknownError').split('#').pop()!;
}

/** Formats an AWS error body as the CLI shows it: `Type: message`. */
export function errorText(body: Record<string, unknown>): string {
  return `${errorType(body)}: ${String(body.message ?? body.Message ?? '')}`;
}
