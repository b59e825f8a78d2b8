import { homedir } from 'node:os';
import { join } from 'node:path';
import { INSTALLATION_LABEL } from '../codedeploy/index.js';
import { DEFAULT_PORT, type Config } from '../config.js';
import { createDockerClient, PROJECT_LABEL_FILTER } from '../runner/index.js';
import { commandName } from './command-name.js';
import type { DemoNames } from './demo-resources.js';
import { serverUrl } from './local-clients.js';
import { serverLogFile } from './stop-server.js';

/** What the closing text needs to point at. */
export interface DemoResult {
  names: DemoNames;
  pageUrl: string;
  workingCopy: string;
  /** The Docker label filter that selects this data directory's instance containers. */
  containerFilter: string;
}

/**
 * The label filter selecting the instance containers of the demo's data directory: its installation label, read
 * from the instance's container, or the project label when that cannot be read.
 */
export async function containerFilter(config: Config, containerName: string): Promise<string> {
  try {
    const info = await createDockerClient(config.dockerHost, config).getContainer(containerName).inspect();
    const installation = info.Config.Labels?.[INSTALLATION_LABEL];
    if (installation) return `label=${INSTALLATION_LABEL}=${installation}`;
  } catch {
    // The broader filter below still names every container the project made.
  }
  return `label=${PROJECT_LABEL_FILTER}`;
}

/** The flags `codepipeline-local instances` needs to reach the same server (none for the defaults). */
export function serverFlags(config: Config): string {
  return `${config.host !== '127.0.0.1' ? ` --host ${config.host}` : ''}${config.port !== DEFAULT_PORT ? ` --port ${config.port}` : ''}`;
}

/** The flag `codepipeline-local stop` needs to find the same data directory (none for the default). */
export function dataDirFlag(config: Config): string {
  return config.dataDir !== join(homedir(), '.codepipeline-local') ? ` --data-dir ${config.dataDir}` : '';
}

/** The closing text: what runs, how to explore it, how to stop it and how to clean up. */
export function renderSummary(config: Config, result: DemoResult): string {
  const url = serverUrl(config);
  const key = config.account === '000000000000' ? 'test' : config.account;
  const { names } = result;
  const cli = commandName();
  return [
    '',
    `The pipeline ${names.pipeline} deployed your change; its page is served at ${result.pageUrl}`,
    'Everything keeps running. Explore:',
    `  the page        ${result.pageUrl}`,
    `  the console     ${url}/console/`,
    `  the pipeline    AWS_ACCESS_KEY_ID=${key} AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${config.region} \\`,
    `                    aws --endpoint-url ${url} codepipeline get-pipeline-state --name ${names.pipeline}`,
    `  the instances   ${cli} instances${serverFlags(config)}`,
    `  another change  edit ${join(result.workingCopy, 'src', 'message.txt')}, then`,
    `                    git -C ${result.workingCopy} commit -am "New message" && git -C ${result.workingCopy} push origin ${names.branch}`,
    `  the server log  ${serverLogFile(config.dataDir)}`,
    'Stop the emulator:',
    `  ${cli} stop${dataDirFlag(config)}`,
    'Clean up (stop, remove the instance containers, then the data directory):',
    `  ${cli} stop${dataDirFlag(config)}`,
    `  docker rm -f $(docker ps -aq --filter ${result.containerFilter})`,
    `  rm -rf ${config.dataDir}`,
    '',
  ].join('\n');
}
