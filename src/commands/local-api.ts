import { ENV, type Config } from '../config.js';

const REQUEST_TIMEOUT_MS = 10_000; // milliseconds

/** The answer of one API call: whether it succeeded and its JSON body. */
export interface ApiAnswer {
  ok: boolean;
  body: Record<string, any>;
}

/** The server answered, but not as codepipeline-local would: another program holds the port. */
export class UnexpectedAnswer extends Error {}

/** An AWS error the server answered with, as `Type: message`. */
export class ApiError extends Error {}

/** The URL of the server the configuration points at; a server bound to every interface is reached through loopback. */
export function serverUrl(config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** Calls a running emulator's CodePipeline API, as the command-line subcommands do. */
export class LocalApiClient {
  readonly url: string;

  constructor(private readonly config: Config) {
    this.url = serverUrl(config);
  }

  /** Calls one CodePipeline operation with a JSON body. */
  async call(operation: string, body: object): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}/`, {
      method: 'POST',
      headers: {
        'X-Amz-Target': `CodePipeline_20150709.${operation}`,
        'Content-Type': 'application/x-amz-json-1.1',
        // The server reads account and region from the credential scope; a 12-digit key names the account.
        Authorization: `AWS4-HMAC-SHA256 Credential=${this.config.account}/20260101/${this.config.region}/codepipeline/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    try {
      return { ok: response.ok, body: text ? JSON.parse(text) : {} };
    } catch {
      throw new UnexpectedAnswer(`The server at ${this.url} did not answer as codepipeline-local (HTTP ${response.status}, not JSON)`);
    }
  }

  /** Calls an operation and throws its AWS error as `Type: message` when it fails. */
  async require(operation: string, body: object): Promise<Record<string, any>> {
    const answer = await this.call(operation, body);
    if (!answer.ok) throw new ApiError(errorText(answer.body));
    return answer.body;
  }

  /** Explains an AWS error, or why the server could not be reached or understood and how to fix it. */
  describeFailure(error: unknown): string {
    if (error instanceof UnexpectedAnswer || error instanceof ApiError) return `${error.message}\n`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    return (
      `codepipeline-local is not reachable at ${this.url} (${reason}).\n` +
      `Start it with \`codepipeline-local serve --port ${this.config.port}\`, or point this command at a running one ` +
      `with --host/--port (${ENV.host}/${ENV.port}).\n`
    );
  }
}

/** Formats an AWS error body as the CLI shows it: `Type: message`. */
export function errorText(body: Record<string, unknown>): string {
  // AWS prefixes some error types with a namespace (`com.amazonaws...#Name`); the CLI shows the name.
  const type = String(body.__type ?? 'UnknownError').split('#').pop();
  return `${type}: ${String(body.message ?? body.Message ?? '')}`;
}
