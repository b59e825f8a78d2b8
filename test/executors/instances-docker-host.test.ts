import { CodeDeployClient, DeregisterOnPremisesInstanceCommand } from '@aws-sdk/client-codedeploy';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALLATION_LABEL, INSTANCE_IMAGE, INSTANCE_NAME_LABEL, InstanceImage } from '../../src/codedeploy/index.js';
import { createDockerClient } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { fetchSite, instanceName, registerInstance } from '../api/codedeploy/local-instances.js';
import { IMAGE_BUILD_TIMEOUT_MS } from '../codedeploy/instance-fixture.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { createTaggedGroup, deploySite } from './tagged-deployments.js';
import { relayToSocket, startSecondDockerd, type Relay, type SecondDockerd } from './second-dockerd.js';

const run = promisify(execFile);

interface Listed {
  instanceName: string;
  url?: string;
  containerName?: string;
  dockerHost?: string;
}

// The machine's docker0: its link index and its address (its state and MAC follow the containers of other tests).
async function docker0(): Promise<string> {
  const { stdout } = await run('ip', ['-o', '-4', 'addr', 'show', 'docker0']);
  return stdout.split(/\s+/).slice(0, 4).join(' ');
}

describe('--executor docker-host: CodeDeploy instances on two engines', () => {
  const local = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST : `unix://${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}`;
  const localDocker = (...args: string[]) => run('docker', ['-H', local, ...args]).then((r) => r.stdout);
  const dataDir = freshDataDir();
  // The far instance is registered first: on a tie the first engine (the far one) is chosen.
  const [far, near, late] = [instanceName('far'), instanceName('near'), instanceName('late')];
  let engine: SecondDockerd;
  // The second engine's API as a tcp:// engine: a relay the test can cut, as a network that fails, and restore.
  let api: Relay;
  let farHost: string;
  let env: TestEmulator | undefined;
  let docker0Before: string;
  const relays = new Map<number, number>();

  const client = () => env!.client(CodeDeployClient);
  const start = async () => {
    await env?.close();
    env = await startTestEmulator({ dataDir, executor: 'docker-host', dockerHosts: [farHost, local] });
    return env;
  };
  const listed = async (name: string) => {
    const page = (await (await fetch(`${env!.url}/codedeploy/instances`)).json()) as { instances: Listed[] };
    const found = page.instances.find((i) => i.instanceName === name);
    if (!found?.url) throw new Error(`instance ${name} has no URL on the instances page: ${JSON.stringify(page)}`);
    return found;
  };
  // The far instance's port is published in the second engine's namespace: reached through a relay into it.
  const reachable = async (url: string, onFar: boolean) => {
    if (!onFar) return url;
    const port = Number(new URL(url).port);
    if (!relays.has(port)) relays.set(port, await engine.relay(port));
    return `http://127.0.0.1:${relays.get(port)}/`;
  };
  const page = async (name: string, onFar: boolean) => fetchSite(`${await reachable((await listed(name)).url!, onFar)}index.html`);
  const onEngine = async (docker: (...args: string[]) => Promise<string>, name: string) =>
    (await docker('ps', '--filter', `label=${INSTANCE_NAME_LABEL}=${name}`, '--format', '{{.Names}}')).trim();
  const deploy = (key: string, text: string) => deploySite(client(), { dataDir, applicationName: 'Spread', instances: [far, near] }, key, text);

  beforeAll(async () => {
    docker0Before = await docker0();
    await new InstanceImage({ docker: createDockerClient(local), log: silentLogger() }).ensure((line) => console.log(line));
    engine = await startSecondDockerd([INSTANCE_IMAGE], { network: true });
    api = await relayToSocket(new URL(engine.host).pathname);
    farHost = `tcp://127.0.0.1:${api.port}`;
  }, IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await env?.close();
    await api?.close();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('runs the second dockerd with a bridge of its own, leaving the machine\'s docker0 alone', async () => {
    expect(await engine.docker('network', 'inspect', 'bridge', '--format', '{{.Driver}}')).toBe('bridge\n');
    expect(await docker0()).toBe(docker0Before);
  });

  it('places two instances on two engines, each serving at its URL', async () => {
    await start();
    await registerInstance(client(), far, [{ Key: 'Role', Value: 'spread' }]);
    await registerInstance(client(), near, [{ Key: 'Role', Value: 'spread' }]);
    expect(await onEngine(engine.docker, far)).toMatch(/^codepipeline-local-instance-far-/);
    expect(await onEngine(localDocker, far)).toBe('');
    expect(await onEngine(localDocker, near)).toMatch(/^codepipeline-local-instance-near-/);
    expect(await onEngine(engine.docker, near)).toBe('');

    const [farListed, nearListed] = [await listed(far), await listed(near)];
    expect(farListed.dockerHost).toBe(farHost);
    expect(nearListed.dockerHost).toBe(local);
    // A tcp:// engine's instance is published on that host (127.0.0.1 here); the port is the one its engine picked.
    expect(farListed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(nearListed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const farPorts = await engine.docker('port', farListed.containerName!, '80/tcp');
    expect(farPorts).toContain(`0.0.0.0:${new URL(farListed.url!).port}`);
    expect(await fetchSite(await reachable(farListed.url!, true))).toContain('nginx');
    expect(await fetchSite(nearListed.url!)).toContain('nginx');
  });

  it('deploys to both through CodeDeploy, each engine running its instance\'s lifecycle', async () => {
    await createTaggedGroup(client(), 'Spread', 'spread');
    const { info, events, explain } = await deploy('v1.zip', 'release one');
    expect(info.status, explain).toBe('Succeeded');
    for (const name of [far, near]) expect(events[name].map((e) => e.status), explain).toEqual(Array(7).fill('Succeeded'));
    expect(await page(far, true)).toBe('<h1>release one</h1>\n');
    expect(await page(near, false)).toBe('<h1>release one</h1>\n');
  });

  it('finds both again on their engines after a restart', async () => {
    const before = [await listed(far), await listed(near)];
    await start();
    expect([await listed(far), await listed(near)]).toEqual(before);
    const { info, explain } = await deploy('v2.zip', 'release two');
    expect(info.status, explain).toBe('Succeeded');
    expect(await page(far, true)).toBe('<h1>release two</h1>\n');
    expect(await page(near, false)).toBe('<h1>release two</h1>\n');
    // Nothing was created again: one container per instance, on its engine.
    expect((await onEngine(engine.docker, far)).split('\n')).toHaveLength(1);
    expect(await onEngine(localDocker, far)).toBe('');
  });

  it('places a new instance on the other engine, and fails the event of an instance, when an engine cannot be reached', async () => {
    await api.close();
    // Both engines hold one instance; the far one, first on a tie, cannot be reached (found as the name is cleared on every engine), so the other gets it.
    await registerInstance(client(), late, [{ Key: 'Role', Value: 'late' }]);
    expect(await onEngine(localDocker, late)).toMatch(/^codepipeline-local-instance-late-/);
    expect((await listed(late)).dockerHost).toBe(local);

    const { events, explain } = await deploy('v3.zip', 'release three');
    expect(events[near].map((e) => e.status), explain).toEqual(Array(7).fill('Succeeded'));
    expect(events[far].map((e) => e.status), explain).toEqual(['Failed', ...Array(6).fill('Skipped')]);
    expect(events[far][0].diagnostics).toMatchObject({
      errorCode: 'UnknownError',
      message: expect.stringContaining(`codepipeline-local could not reach the Docker engine ${farHost} of instance ${far}: connect ECONNREFUSED 127.0.0.1:${api.port}`),
    });
    // The far instance is still there, untouched, serving the last release it got.
    expect(await page(far, true)).toBe('<h1>release two</h1>\n');
  });

  it('finds an instance whose engine could not be reached at start once the engine is back', async () => {
    await start();
    const lost = await deploy('v4.zip', 'release four');
    expect(lost.events[near].map((e) => e.status), lost.explain).toEqual(Array(7).fill('Succeeded'));
    expect(lost.events[far][0].diagnostics?.message, lost.explain).toContain(`codepipeline-local could not reach the Docker engine ${farHost} of instance ${far}: its container was not found on the engines that answered`);

    api = await relayToSocket(new URL(engine.host).pathname, api.port);
    const back = await deploy('v5.zip', 'release five');
    expect(back.info.status, back.explain).toBe('Succeeded');
    expect(back.events[far].map((e) => e.status), back.explain).toEqual(Array(7).fill('Succeeded'));
    expect(await page(far, true)).toBe('<h1>release five</h1>\n');
    expect((await listed(far)).dockerHost).toBe(farHost);
  });

  it('removes each instance from its engine, leaving nothing of this data directory on either', async () => {
    const installation = (await createDockerClient(local).getContainer((await listed(near)).containerName!).inspect()).Config.Labels[INSTALLATION_LABEL];
    for (const name of [far, near, late]) await client().send(new DeregisterOnPremisesInstanceCommand({ instanceName: name }));
    await env!.close();
    env = undefined;
    const ours = ['ps', '-a', '--filter', `label=${INSTALLATION_LABEL}=${installation}`, '--format', '{{.Names}}'];
    expect((await engine.docker(...ours)).trim()).toBe('');
    expect((await localDocker(...ours)).trim()).toBe('');
    expect(await docker0()).toBe(docker0Before);
  });
});
