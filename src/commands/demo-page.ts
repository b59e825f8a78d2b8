import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import { commandName } from './command-name.js';
import { serverUrl } from './local-clients.js';

const REQUEST_TIMEOUT_MS = 5000;
const PAGE_TIMEOUT_MS = 10_000; // the deployment validated the site already; this covers a slow Nginx reload
const POLL_MS = 200;

/** What the sample app's site/version.json says: the commit, build number and message the page was built with. */
export interface PageVersion {
  commit: string;
  build: string;
  message: string;
}

/** Where an instance serves: its Nginx URL and its container. */
export interface InstanceAddress {
  url: string;
  containerName: string;
}

/** The URL and container of an instance's Nginx, from the server's instances page. */
export async function instanceAddress(config: Config, instanceName: string): Promise<InstanceAddress> {
  const response = await fetch(`${serverUrl(config)}/codedeploy/instances`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`the server did not list its instances (HTTP ${response.status})`);
  const { instances } = (await response.json()) as { instances: { account: string; region: string; instanceName: string; url?: string; containerName?: string }[] };
  const instance = instances.find((i) => i.instanceName === instanceName && i.account === config.account && i.region === config.region);
  if (!instance?.url || !instance.containerName) throw new Error(`instance ${instanceName} has no running container (see \`${commandName()} instances\`)`);
  return { url: instance.url, containerName: instance.containerName };
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { connection: 'close' } });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.text();
}

/** Reads the page once: its version.json, and whether index.html shows the commit. */
async function readPage(url: string): Promise<{ version: PageVersion; showsCommit: (commit: string) => boolean }> {
  const [html, json] = await Promise.all([fetchText(url), fetchText(new URL('version.json', url).href)]);
  return { version: JSON.parse(json) as PageVersion, showsCommit: (commit) => html.includes(`<code id="commit">${commit}</code>`) };
}

/** Waits until the instance's page shows `commit` (and `message`, when given); returns what it shows, or throws with what it showed last. */
export async function checkPage(url: string, commit: string, message?: string): Promise<PageVersion> {
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  let last = 'nothing';
  for (;;) {
    try {
      const page = await readPage(url);
      if (page.showsCommit(commit) && page.version.commit === commit && (message === undefined || page.version.message === message)) return page.version;
      last = `commit ${page.version.commit}, message "${page.version.message}"`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} does not show commit ${commit}${message ? ` with message "${message}"` : ''}; it shows ${last}`);
    await sleep(POLL_MS);
  }
}
