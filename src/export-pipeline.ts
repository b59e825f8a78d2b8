import { stringify } from 'yaml';
import type { ServiceModel } from './api/protocol/index.js';
import { ENV, type Config } from './config.js';
import { loadAwsModel } from './model/index.js';

/** How `codepipeline-local export` prints: JSON as the AWS CLI does, or YAML. */
export interface ExportOptions {
  yaml?: boolean;
}

/** Where export writes its output and its errors; the process's streams unless a test says otherwise. */
export interface ExportOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: ExportOutput = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

const USAGE = 'Usage: codepipeline-local export NAME [--yaml] [--host HOST] [--port PORT] [--region REGION] [--account ID]\n';
const REQUEST_TIMEOUT_MS = 10_000; // milliseconds

/** Formats epoch seconds as the AWS CLI prints timestamps (Python's isoformat in UTC), e.g. `2026-11-26T09:00:00.123000+00:00`. */
export function cliTimestamp(epochSeconds: number): string {
  const [whole, millis] = new Date(Math.round(epochSeconds * 1000)).toISOString().slice(0, -1).split('.');
  // isoformat() leaves out the fraction when it is zero, and otherwise prints microseconds.
  return `${whole}${millis === '000' ? '' : `.${millis}000`}+00:00`;
}

/** Rewrites a response as botocore parses it: members in model order, unknown members dropped, timestamps as text. */
function asCliPrints(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = model.shapes[shapeName];
  if (value === null || value === undefined || !shape) return value;
  switch (shape.type) {
    case 'structure': {
      const source = value as Record<string, unknown>;
      const members = Object.entries(shape.members ?? {}).filter(([member]) => source[member] !== undefined);
      return Object.fromEntries(members.map(([member, ref]) => [member, asCliPrints(model, ref.shape, source[member])]));
    }
    case 'list':
      return (value as unknown[]).map((item) => asCliPrints(model, shape.member!.shape, item));
    case 'map':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asCliPrints(model, shape.value!.shape, v)]));
    case 'timestamp':
      return typeof value === 'number' ? cliTimestamp(value) : value;
    default:
      return value;
  }
}

function serverUrl(config: Config): string {
  // A server bound to every interface is reached through loopback.
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

// The server answered, but not as codepipeline-local would: a different program holds the port.
class UnexpectedAnswer extends Error {}

async function getPipeline(url: string, config: Config, name: string): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'X-Amz-Target': 'CodePipeline_20150709.GetPipeline',
      'Content-Type': 'application/x-amz-json-1.1',
      // The server reads account and region from the credential scope; a 12-digit key names the account.
      Authorization: `AWS4-HMAC-SHA256 Credential=${config.account}/20260101/${config.region}/codepipeline/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ name }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  try {
    return { ok: response.ok, body: text ? JSON.parse(text) : {} };
  } catch {
    throw new UnexpectedAnswer(`The server at ${url} did not answer as codepipeline-local (HTTP ${response.status}, not JSON)`);
  }
}

function unreachable(url: string, config: Config, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return (
    `codepipeline-local is not reachable at ${url} (${reason}).\n` +
    `Start it with \`codepipeline-local serve --port ${config.port}\`, or point export at a running one ` +
    `with --host/--port (${ENV.host}/${ENV.port}).\n`
  );
}

/**
 * Runs `codepipeline-local export NAME`: prints a pipeline of the running server exactly as
 * `aws codepipeline get-pipeline` does (or as YAML), so it can be saved as a declarative pipeline file.
 * Returns the exit code: 0, 1 for an error from or reaching the server, 2 for a usage error.
 */
export async function exportPipeline(config: Config, name: string | undefined, options: ExportOptions = {}, output: ExportOutput = processOutput): Promise<number> {
  if (!name) return output.err(USAGE), 2;
  const url = serverUrl(config);
  let result: Awaited<ReturnType<typeof getPipeline>>;
  try {
    result = await getPipeline(url, config, name);
  } catch (error) {
    return output.err(error instanceof UnexpectedAnswer ? `${error.message}\n` : unreachable(url, config, error)), 1;
  }
  if (!result.ok) {
    // AWS prefixes some error types with a namespace (`com.amazonaws...#Name`); the CLI shows the name.
    const type = String(result.body.__type ?? 'UnknownError').split('#').pop();
    return output.err(`${type}: ${String(result.body.message ?? result.body.Message ?? '')}\n`), 1;
  }
  const document = asCliPrints(loadAwsModel('codepipeline') as ServiceModel, 'GetPipelineOutput', result.body);
  output.out(options.yaml ? stringify(document) : `${JSON.stringify(document, null, 4)}\n`);
  return 0;
}
