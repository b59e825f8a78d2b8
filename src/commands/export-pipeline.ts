import { stringify } from 'yaml';
import type { ServiceModel } from '../api/protocol/index.js';
import type { Config } from '../config.js';
import { loadAwsModel } from '../model/index.js';
import { LocalClients } from './local-clients.js';

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
      if (value instanceof Date) return cliTimestamp(value.getTime() / 1000);
      return typeof value === 'number' ? cliTimestamp(value) : value;
    default:
      return value;
  }
}

/**
 * Runs `codepipeline-local export NAME`: prints a pipeline of the running server exactly as
 * `aws codepipeline get-pipeline` does (or as YAML), so it can be saved as a declarative pipeline file.
 * Returns the exit code: 0, 1 for an error from or reaching the server, 2 for a usage error.
 */
export async function exportPipeline(config: Config, name: string | undefined, options: ExportOptions = {}, output: ExportOutput = processOutput): Promise<number> {
  if (!name) return output.err(USAGE), 2;
  const api = new LocalClients(config);
  let result: object;
  try {
    const { sdk, client } = await api.codePipeline();
    result = await client.send(new sdk.GetPipelineCommand({ name }), api.options());
  } catch (error) {
    return output.err(api.describeFailure(error)), 1;
  }
  // The model's members only: the SDK's $metadata is not part of what the CLI prints.
  const document = asCliPrints(loadAwsModel('codepipeline') as ServiceModel, 'GetPipelineOutput', result);
  output.out(options.yaml ? stringify(document) : `${JSON.stringify(document, null, 4)}\n`);
  return 0;
}
