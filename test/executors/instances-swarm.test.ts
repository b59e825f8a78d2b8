import {
  CodeDeployClient,
  DeregisterOnPremisesInstanceCommand,
  RegisterOnPremisesInstanceCommand,
} from '@aws-sdk/client-codedeploy';
import { BatchGetBuildsCommand } from '@aws-sdk/client-codebuild';
import { ListActionExecutionsCommand, type StageDeclaration } from '@aws-sdk/client-codepipeline';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContainerName, DEFAULT_BUILD_IMAGE, SWARM_BUILD_LABEL } from '../../src/codebuild/index.js';
import { INSTALLATION_LABEL, INSTANCE_IMAGE, INSTANCE_NAME_LABEL, INSTANCE_SCOPE_LABEL, InstanceImage, KIND_LABEL } from '../../src/codedeploy/index.js';
import { createDockerClient, DEFAULT_DOCKER_SOCKET } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { fetchSite, instanceName, registerInstance } from '../api/codedeploy/local-instances.js';
import { BUILD_IMAGE_TIMEOUT_MS, ensureBuildImage } from '../codebuild/build-image.js';
import { IMAGE_BUILD_TIMEOUT_MS } from '../codedeploy/instance-fixture.js';
import { deregisterInstance, executionIds, followExecution, JOURNEY, journeyClients, progressPrinter, setUpJourney } from '../e2e/journey-helpers.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { freePort } from '../helpers/ports.js';
import { waitFor } from '../helpers/wait.js';
import { createTaggedGroup, deploySite } from './tagged-deployments.js';
import { startSecondDockerd, type SecondDockerd } from './second-dockerd.js';

const BUILD_OWNER_LABEL = 'codepipeline-local.codebuild-owner';
// After the tutorial's Deploy stage, a Commands action (a build too) that reads the built site.
const CHECK_STAGE: StageDeclaration = {
  name: 'Check',
  actions: [{
    name: 'Check',
    actionTypeId: { category: 'Compute', owner: 'AWS', provider: 'Commands', version: '1' },
    namespace: 'CheckVariables',
    inputArtifacts: [{ name: 'BuildArtifact' }],
    commands: ['test -f site/version.json', 'export STAMP="$(cat site/version.json)"'],
    outputVariables: ['STAMP'],
  }],
};

interface Listed {
  instanceName: string;
  url?: string;
  containerName?: string;
  dockerHost?: string;
}

describe('--executor swarm: CodeDeploy instances as services of a single-node swarm', () => {
  const dataDir = freshDataDir();
  const [one, two, broken] = [instanceName('one'), instanceName('two'), instanceName('broken')];
  let engine: SecondDockerd;
  let env: TestEmulator | undefined;
  const relays = new Map<number, number>();

  const client = () => env!.client(CodeDeployClient);
  const start = async () => {
    await env?.close();
    env = await startTestEmulator({ dataDir, executor: 'swarm', swarmHost: engine.host });
  };
  const listed = async (name: string) => {
    const page = (await (await fetch(`${env!.url}/codedeploy/instances`)).json()) as { instances: Listed[] };
    const found = page.instances.find((i) => i.instanceName === name);
    if (!found?.url) throw new Error(`instance ${name} has no URL on the instances page: ${JSON.stringify(page)}`);
    return found;
  };
  // The services of an instance (by its name label), with their labels and their task's published port.
  const services = async (name: string) => {
    const ids = (await engine.docker('service', 'ls', '-q', '--filter', `label=${INSTANCE_NAME_LABEL}=${name}`)).split('\n').filter(Boolean);
    return Promise.all(ids.map(async (id) => JSON.parse(await engine.docker('service', 'inspect', id, '--format', '{{json .Spec}}')) as { Name: string; Labels: Record<string, string>; TaskTemplate: { RestartPolicy: { Condition: string }; Resources: { Limits?: { MemoryBytes?: number }; Reservations?: object } } }));
  };
  // The build services of the data folder (replicated jobs), by name, with their labels.
  const buildServices = async () => {
    const names = (await engine.docker('service', 'ls', '--filter', `label=${BUILD_OWNER_LABEL}=${dataDir}`, '--format', '{{.Name}}')).split('\n').filter(Boolean);
    return Promise.all(names.map(async (name) => ({ name, labels: JSON.parse(await engine.docker('service', 'inspect', name, '--format', '{{json .Spec.Labels}}')) as Record<string, string> })));
  };
  const serviceIds = async (label: string) => (await engine.docker('service', 'ls', '-q', '--filter', `label=${label}`)).split('\n').filter(Boolean);
  // A published port of the swarm's namespace, reached through a relay into it.
  const page = async (name: string, path = 'index.html') => {
    const port = Number(new URL((await listed(name)).url!).port);
    if (!relays.has(port)) relays.set(port, await engine.relay(port));
    return fetchSite(`http://127.0.0.1:${relays.get(port)}/${path}`);
  };
  const deploy = (key: string, text: string) => deploySite(client(), { dataDir, applicationName: 'Swarmed', instances: [one, two] }, key, text);
  const registerFails = async (swarmHost: string) => {
    const other = await startTestEmulator({ executor: 'swarm', swarmHost });
    try {
      const error = await other.client(CodeDeployClient).send(new RegisterOnPremisesInstanceCommand({ instanceName: broken, iamSessionArn: `arn:aws:sts::000000000000:assumed-role/instances/${broken}` })).then(() => undefined, (e: Error) => e);
      return error?.message ?? 'the registration succeeded';
    } finally {
      await other.close();
    }
  };

  beforeAll(async () => {
    await ensureBuildImage();
    await new InstanceImage({ docker: createDockerClient(`unix://${DEFAULT_DOCKER_SOCKET}`), log: silentLogger() }).ensure((line) => console.log(line));
    // Its own network namespace, bridge and iptables rules: the machine's engine, docker0 and rules are not touched.
    // The seed journey's build runs on this swarm too, so its default build image is loaded here as well.
    engine = await startSecondDockerd([INSTANCE_IMAGE, DEFAULT_BUILD_IMAGE], { network: true });
    await engine.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
  }, BUILD_IMAGE_TIMEOUT_MS + IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await env?.close();
    await engine?.docker('swarm', 'leave', '--force').catch(() => undefined);
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('makes each registered instance a labelled service of one task, publishing Nginx on the node', async () => {
    await start();
    await registerInstance(client(), one, [{ Key: 'Role', Value: 'swarmed' }]);
    await registerInstance(client(), two, [{ Key: 'Role', Value: 'swarmed' }]);
    for (const name of [one, two]) {
      const [service, ...more] = await services(name);
      expect(more).toEqual([]);
      expect(service.Name).toMatch(new RegExp(`^codepipeline-local-instance-${name}-[0-9a-f]{8}$`));
      expect(service.Labels).toMatchObject({ [KIND_LABEL]: 'instance', [INSTANCE_NAME_LABEL]: name, [INSTANCE_SCOPE_LABEL]: '000000000000/us-east-1', [INSTALLATION_LABEL]: expect.any(String) });
      expect(service.TaskTemplate.RestartPolicy.Condition).toBe('none');
      // Limited as an instance container is, but reserving nothing: instances live long, and builds need the room.
      expect(service.TaskTemplate.Resources.Limits?.MemoryBytes).toBeGreaterThan(0);
      expect(service.TaskTemplate.Resources.Reservations ?? {}).toEqual({});
      const shown = await listed(name);
      // A single-node swarm: the task runs on the manager, whose unix socket is on this machine.
      expect(shown.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(shown.dockerHost).toBe(engine.host);
      const ports = await engine.docker('port', shown.containerName!, '80/tcp');
      expect(ports).toContain(`0.0.0.0:${new URL(shown.url!).port}`);
      expect(await page(name, '')).toContain('nginx');
    }
  });

  it('deploys to both through CodeDeploy, the agent running in each task\'s container', async () => {
    await createTaggedGroup(client(), 'Swarmed', 'swarmed');
    const { info, events, explain } = await deploy('v1.zip', 'release one');
    expect(info.status, explain).toBe('Succeeded');
    for (const name of [one, two]) expect(events[name].map((e) => e.status), explain).toEqual(Array(7).fill('Succeeded'));
    expect(await page(one)).toBe('<h1>release one</h1>\n');
    expect(await page(two)).toBe('<h1>release one</h1>\n');
  });

  it("runs the seed journey on the swarm: Source, then the build and a Commands action as replicated jobs, Deploy to the registered instance's service, whose page is served", async () => {
    if (!env) await start();
    const live = env!;
    const say = progressPrinter('swarm journey');
    const clients = journeyClients(live.url);
    const workDir = mkdtempSync(join(tmpdir(), 'cpl-swarm-journey-'));
    let deregistered = false;
    try {
      // Source -> Build -> Deploy (to web-1, tagged Role=web, a service of the swarm from its registration) -> Check.
      const { firstCommitId: commit } = await setUpJourney(clients, workDir, say, [CHECK_STAGE]);
      const [executionId] = await executionIds(clients.codepipeline, JOURNEY.pipelineName);
      const seen = await waitFor(buildServices, { description: "the build's service", timeoutMs: 120_000, intervalMs: 100 }, (s) => s.length > 0);
      const execution = await followExecution(clients.codepipeline, JOURNEY.pipelineName, executionId, 300_000, say);
      expect(execution.status).toBe('Succeeded');

      const actions = (await clients.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: JOURNEY.pipelineName, filter: { pipelineExecutionId: executionId } }))).actionExecutionDetails!;
      const action = (name: string) => actions.find((a) => a.actionName === name)!;
      expect(actions.map((a) => [a.actionName, a.status]).reverse()).toEqual([['Source', 'Succeeded'], ['Build', 'Succeeded'], ['Deploy', 'Succeeded'], ['Check', 'Succeeded']]);
      const [build] = (await clients.codebuild.send(new BatchGetBuildsCommand({ ids: [action('Build').output!.executionResult!.externalExecutionId!] }))).builds!;
      // The build's service was there while it ran, with its labels.
      expect(seen).toEqual([{ name: buildContainerName(build.id!), labels: { [BUILD_OWNER_LABEL]: dataDir, [SWARM_BUILD_LABEL]: build.id!, 'codepipeline-local': 'true' } }]);
      expect(build).toMatchObject({ buildStatus: 'SUCCEEDED', projectName: JOURNEY.projectName, initiator: `codepipeline/${JOURNEY.pipelineName}`, resolvedSourceVersion: commit });
      expect(build.phases!.map((p) => [p.phaseType, p.phaseStatus])).toEqual([
        ['SUBMITTED', 'SUCCEEDED'], ['QUEUED', 'SUCCEEDED'], ['PROVISIONING', 'SUCCEEDED'], ['DOWNLOAD_SOURCE', 'SUCCEEDED'], ['INSTALL', 'SUCCEEDED'],
        ['PRE_BUILD', 'SUCCEEDED'], ['BUILD', 'SUCCEEDED'], ['POST_BUILD', 'SUCCEEDED'], ['UPLOAD_ARTIFACTS', 'SUCCEEDED'], ['FINALIZING', 'SUCCEEDED'], ['COMPLETED', undefined],
      ]);
      expect(build.exportedEnvironmentVariables).toEqual([{ name: 'BUILD_STAMP', value: `${commit}-1` }]);
      expect(await (await fetch(build.logs!.deepLink!)).text()).toContain(`Built ${commit}-1`);
      const location = action('Build').output!.outputArtifacts![0].s3location!;
      const zip = unzipSync(readFileSync(join(dataDir, 's3', location.bucket!, location.key!)));
      expect(JSON.parse(strFromU8(zip['site/version.json']))).toMatchObject({ commit, build: '1' });
      expect(action('Deploy').output!.executionResult).toMatchObject({ externalExecutionId: expect.stringMatching(/^d-[A-Z0-9]{9}$/), externalExecutionSummary: 'Deployment Succeeded' });
      expect(JSON.parse(action('Check').output!.outputVariables!.STAMP)).toMatchObject({ commit, build: '1' });

      // The instance is a service of the swarm, and serves the deployed page on its published port (through a relay).
      const [service, ...more] = await services(JOURNEY.instanceName);
      expect(more).toEqual([]);
      expect(service.Labels).toMatchObject({ [KIND_LABEL]: 'instance', [INSTANCE_NAME_LABEL]: JOURNEY.instanceName });
      expect((await listed(JOURNEY.instanceName)).dockerHost).toBe(engine.host);
      expect(JSON.parse(await page(JOURNEY.instanceName, 'version.json'))).toEqual({ commit, build: '1', message: 'Hello from codepipeline-local!' });
      expect(await page(JOURNEY.instanceName, '')).toContain(`<code id="commit">${commit}</code>`);

      // The builds' services (the build's and the Commands action's) were created on the swarm and are gone.
      await waitFor(buildServices, { description: "the builds' services to be removed", timeoutMs: 60_000, intervalMs: 100 }, (s) => s.length === 0);
      const events = await engine.docker('events', '--since', '0', '--until', `${Math.ceil(Date.now() / 1000) + 1}`, '--filter', 'type=service', '--format', '{{.Action}} {{.Actor.Attributes.name}}');
      for (const id of [build.id!, action('Check').output!.executionResult!.externalExecutionId!]) {
        expect(events).toContain(`create ${buildContainerName(id)}`);
        expect(events).toContain(`remove ${buildContainerName(id)}`);
      }
      await deregisterInstance(clients, say);
      deregistered = true;
      expect(await services(JOURNEY.instanceName)).toEqual([]);
    } finally {
      // Its service would otherwise stay for the later tests, which count this data folder's services.
      if (!deregistered) await deregisterInstance(clients, say);
      clients.destroy();
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 420_000);

  it('fails a registration whose task cannot start, leaving no service', async () => {
    // The image is untagged on the node after this emulator made it present there (it is not looked at again in this
    // process): the node then has none to run.
    const imageId = (await engine.docker('image', 'inspect', INSTANCE_IMAGE, '--format', '{{.Id}}')).trim();
    await engine.docker('image', 'rm', '--force', INSTANCE_IMAGE);
    try {
      const error = await client().send(new RegisterOnPremisesInstanceCommand({ instanceName: broken, iamSessionArn: `arn:aws:sts::000000000000:assumed-role/instances/${broken}` })).then(() => undefined, (e: Error) => e);
      expect(error?.message).toMatch(new RegExp(`could not start the container of instance ${broken}: the Docker swarm could not start instance ${broken} on node .+: the task was (rejected|failed): .*(No such image|pull access denied|not found|does not exist)`, 'i'));
      expect(await services(broken)).toEqual([]);
    } finally {
      await engine.docker('image', 'tag', imageId, INSTANCE_IMAGE);
    }
  });

  it('finds both services again after a restart, and deploys to them', async () => {
    const before = [await listed(one), await listed(two)];
    const names = [(await services(one))[0].Name, (await services(two))[0].Name];
    await start();
    expect([await listed(one), await listed(two)]).toEqual(before);
    const { info, explain } = await deploy('v2.zip', 'release two');
    expect(info.status, explain).toBe('Succeeded');
    expect(await page(one)).toBe('<h1>release two</h1>\n');
    expect(await page(two)).toBe('<h1>release two</h1>\n');
    expect([(await services(one)).map((s) => s.Name), (await services(two)).map((s) => s.Name)]).toEqual([[names[0]], [names[1]]]);
  });

  it('gives an instance whose task ended a new service at the next start, and removes a service of no registered instance', async () => {
    const [kept] = await services(one);
    const [before] = await serviceIds(`${INSTANCE_NAME_LABEL}=${two}`);
    // A leftover: a service of this data folder for an instance that is not registered.
    const ghost = instanceName('ghost');
    const labels = { ...kept.Labels, [INSTANCE_NAME_LABEL]: ghost };
    await engine.docker('service', 'create', '--detach', '--no-resolve-image', '--name', `left-${ghost}`, ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), '--restart-condition', 'none', INSTANCE_IMAGE);
    // The task of two ends (its container is removed, as a node that rebooted loses it); the swarm does not restart it.
    await env!.close();
    env = undefined;
    await engine.docker('rm', '--force', (await engine.docker('ps', '-q', '--filter', `label=${INSTANCE_NAME_LABEL}=${two}`)).trim());
    await waitFor(() => engine.docker('service', 'ps', before, '--format', '{{.CurrentState}}'), { description: `the task of ${two} to end`, timeoutMs: 30_000, intervalMs: 200 }, (state) => !state.startsWith('Running'));
    await start();
    const [after, ...more] = await serviceIds(`${INSTANCE_NAME_LABEL}=${two}`);
    expect(more).toEqual([]);
    expect(after).not.toBe(before);
    expect(await page(two, '')).toContain('nginx');
    expect((await services(one)).map((s) => s.Name)).toEqual([kept.Name]);
    await waitFor(() => serviceIds(`${INSTANCE_NAME_LABEL}=${ghost}`), { description: `the leftover service of ${ghost} to be removed`, timeoutMs: 30_000, intervalMs: 200 }, (ids) => ids.length === 0);
  });

  it('fails a registration when the manager cannot be reached, or is not a swarm manager', async () => {
    const nowhere = `tcp://127.0.0.1:${await freePort()}`;
    expect(await registerFails(nowhere)).toContain(`could not start the container of instance ${broken}: Unable to reach the Docker engine ${nowhere}: connect ECONNREFUSED`);
    // A third dockerd that is in no swarm (the machine's own engine is never made a manager).
    const lone = await startSecondDockerd([]);
    try {
      expect(await registerFails(lone.host)).toMatch(new RegExp(`the Docker engine ${lone.host} cannot run instances on a swarm: .*not a swarm manager`));
    } finally {
      await lone.stop();
    }
  });

  it('removes the services on deregistration, leaving nothing of this data folder on the swarm', async () => {
    const installation = (await services(one))[0].Labels[INSTALLATION_LABEL];
    for (const name of [one, two]) await client().send(new DeregisterOnPremisesInstanceCommand({ instanceName: name }));
    expect([...(await services(one)), ...(await services(two))]).toEqual([]);
    await env!.close();
    env = undefined;
    expect((await engine.docker('service', 'ls', '-q', '--filter', `label=${INSTALLATION_LABEL}=${installation}`)).trim()).toBe('');
    expect((await engine.docker('ps', '-aq', '--filter', `label=${INSTALLATION_LABEL}=${installation}`)).trim()).toBe('');
  });
});
