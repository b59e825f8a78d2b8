import { get } from 'node:http';
import type { Config } from '../config.js';
import { LocalClients } from './local-clients.js';

/** Where `codepipeline-local instances` writes. */
export interface InstancesOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: InstancesOutput = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

const REQUEST_TIMEOUT_MS = 10_000; // milliseconds

/** One instance as the server's instances page lists it. */
interface InstanceSummary {
  account: string;
  region: string;
  instanceName: string;
  tags: { Key: string; Value: string }[];
  url?: string;
  containerName?: string;
}

/** GETs a URL's body as text; node:http rather than fetch, whose first use costs this short command a tenth of its run. */
function getText(url: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text })).on('error', reject);
    });
    request.on('error', reject);
  });
}

/** How to register an instance with the AWS CLI, for a user who has none yet. */
export function registrationHelp(url: string): string {
  return [
    'Register one (each instance is an Nginx container, published on 127.0.0.1 unless --executor docker-host places it on a tcp:// engine) with the AWS CLI:',
    `  aws --endpoint-url ${url} deploy register-on-premises-instance --instance-name web-1 --iam-user-arn arn:aws:iam::000000000000:user/web-1`,
    `  aws --endpoint-url ${url} deploy add-tags-to-on-premises-instances --instance-names web-1 --tags Key=Role,Value=web`,
    'A deployment group then selects it with --on-premises-instance-tag-filters (or --ec2-tag-filters) Key=Role,Value=web,Type=KEY_AND_VALUE.',
    '',
  ].join('\n');
}

/** Lays rows out in columns separated by two spaces. */
function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

/** Formats the registered instances as a table: name, URL, tags (and region when there are several). */
export function renderInstances(instances: readonly InstanceSummary[]): string {
  const scopes = new Set(instances.map((i) => `${i.account}/${i.region}`));
  const withScope = scopes.size > 1;
  const header = [...(withScope ? ['REGION', 'ACCOUNT'] : []), 'NAME', 'URL', 'CONTAINER', 'TAGS'];
  const rows = instances.map((i) => [
    ...(withScope ? [i.region, i.account] : []),
    i.instanceName,
    i.url ?? '(no container)',
    i.containerName ?? '-',
    i.tags.map((t) => `${t.Key}=${t.Value}`).join(',') || '-',
  ]);
  return columns([header, ...rows]);
}

/**
 * Runs `codepipeline-local instances`: lists the running server's registered instances with the URL of each
 * one's Nginx. Returns the exit code: 0, or 1 when the server cannot be reached.
 */
export async function instancesCommand(config: Config, output: InstancesOutput = processOutput): Promise<number> {
  // No AWS call here (the instances page is the emulator's own): the clients only explain a failure.
  const api = new LocalClients(config);
  const url = api.url;
  let instances: InstanceSummary[];
  try {
    const response = await getText(`${url}/codedeploy/instances`, REQUEST_TIMEOUT_MS);
    if (response.status !== 200) return output.err(`The server at ${url} did not list instances (HTTP ${response.status}); is it codepipeline-local?\n`), 1;
    instances = (JSON.parse(response.text) as { instances: InstanceSummary[] }).instances;
  } catch (error) {
    return output.err(api.describeFailure(error)), 1;
  }
  if (instances.length === 0) return output.out(`No instances are registered.\n${registrationHelp(url)}`), 0;
  output.out(renderInstances(instances));
  return 0;
}
