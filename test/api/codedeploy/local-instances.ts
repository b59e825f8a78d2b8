import { fetchFromInstance } from '../../helpers/instance-fetch.js';
import { AddTagsToOnPremisesInstancesCommand, DeregisterOnPremisesInstanceCommand, RegisterOnPremisesInstanceCommand, type CodeDeployClient, type Tag } from '@aws-sdk/client-codedeploy';
import { randomBytes } from 'node:crypto';
import type { TestEmulator } from '../../helpers/emulator.js';

/** A unique instance name for this test run (instances are containers on the shared Docker engine). */
export function instanceName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Registers an on-premises instance through the API (which starts its Nginx container) and tags it. */
export async function registerInstance(client: CodeDeployClient, name: string, tags: Tag[]): Promise<void> {
  await client.send(new RegisterOnPremisesInstanceCommand({ instanceName: name, iamSessionArn: `arn:aws:sts::000000000000:assumed-role/instances/${name}` }));
  await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [name], tags }));
}

/** Deregisters instances (removing their containers), ignoring the ones already gone. */
export async function deregisterInstances(client: CodeDeployClient, names: string[]): Promise<void> {
  for (const name of names) await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName: name })).catch(() => undefined);
}

/** The URL of an instance's Nginx, as the emulator's instances page lists it (the port is chosen at registration). */
export async function siteUrl(env: TestEmulator, name: string): Promise<string> {
  const page = (await (await fetch(`${env.url}/codedeploy/instances`)).json()) as { instances: { instanceName: string; url?: string }[] };
  const url = page.instances.find((i) => i.instanceName === name)?.url;
  if (!url) throw new Error(`instance ${name} has no URL on the instances page: ${JSON.stringify(page)}`);
  return url;
}

/** Fetches a page of an instance's site and returns its text (or the HTTP status when it is not 200). */
export async function fetchSite(url: string): Promise<string> {
  const response = await fetchFromInstance(url);
  return response.ok ? response.text() : `HTTP ${response.status}`;
}
