import {
  AddTagsToOnPremisesInstancesCommand,
  BatchGetOnPremisesInstancesCommand,
  CodeDeployClient,
  DeregisterOnPremisesInstanceCommand,
  GetOnPremisesInstanceCommand,
  ListOnPremisesInstancesCommand,
  type ListOnPremisesInstancesCommandInput,
  RegisterOnPremisesInstanceCommand,
  RemoveTagsFromOnPremisesInstancesCommand,
} from '@aws-sdk/client-codedeploy';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceImage } from '../../../src/codedeploy/instance-image.js';
import { createDockerClient } from '../../../src/runner/index.js';
import { silentLogger } from '../../../src/shared/index.js';
import { errorOf } from '../../helpers/errors.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { IMAGE_BUILD_TIMEOUT_MS, removeInstanceContainers } from '../../codedeploy/instance-fixture.js';

const userArn = (name: string) => `arn:aws:iam::000000000000:user/${name}`;

describe('CodeDeploy on-premises instances API', () => {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  const names: string[] = [];
  let env: TestEmulator;
  let client: CodeDeployClient;

  /** A fresh instance name for this run: instances are containers on the shared Docker engine. */
  const fresh = (prefix: string) => {
    const name = `${prefix}-${randomBytes(3).toString('hex')}`;
    names.push(name);
    return name;
  };
  const register = (name: string) => client.send(new RegisterOnPremisesInstanceCommand({ instanceName: name, iamUserArn: userArn(name) }));
  const listed = async () => ((await (await fetch(`${env.url}/codedeploy/instances`)).json()) as { instances: { instanceName: string; url?: string; containerName?: string }[] }).instances;

  beforeAll(async () => {
    // Built here, with its progress shown, so the first registration does not spend a minute on it.
    await new InstanceImage({ docker, log: silentLogger() }).ensure((line) => console.log(line));
    env = await startTestEmulator();
    client = env.client(CodeDeployClient);
  }, IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    for (const name of names) await client?.send(new DeregisterOnPremisesInstanceCommand({ instanceName: name })).catch(() => undefined);
    await env?.close();
    // Whatever a failed test left behind.
    await removeInstanceContainers(docker, names);
  });

  describe('when an instance is registered', () => {
    it('starts an Nginx container whose default page answers at the instance URL', async () => {
      const name = fresh('web');
      await register(name);
      const instance = (await listed()).find((i) => i.instanceName === name);
      expect(instance?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await (await fetch(instance!.url!)).text();
      expect(page).toContain('Welcome to nginx!');
      const info = await docker.getContainer(instance!.containerName!).inspect();
      expect(info.State.Running).toBe(true);
      expect(info.HostConfig.PortBindings?.['80/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
    });

    it('describes it as GetOnPremisesInstance and BatchGetOnPremisesInstances do', async () => {
      const name = fresh('app');
      const before = Date.now();
      await register(name);
      const { instanceInfo } = await client.send(new GetOnPremisesInstanceCommand({ instanceName: name }));
      expect(instanceInfo).toMatchObject({ instanceName: name, iamUserArn: userArn(name), tags: [] });
      expect(instanceInfo?.instanceArn).toMatch(new RegExp(`^arn:aws:codedeploy:us-east-1:000000000000:instance/${name}_[A-Za-z0-9]{10}$`));
      expect(instanceInfo?.registerTime?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(instanceInfo?.deregisterTime).toBeUndefined();
      const batch = await client.send(new BatchGetOnPremisesInstancesCommand({ instanceNames: [name, 'never-registered'] }));
      expect(batch.instanceInfos?.map((i) => i.instanceName)).toEqual([name]);
    });

    it('refuses a second registration of the name, and of the IAM user', async () => {
      const name = fresh('dup');
      await register(name);
      expect((await errorOf(register(name))).name).toBe('InstanceNameAlreadyRegisteredException');
      const other = fresh('other');
      const sameUser = client.send(new RegisterOnPremisesInstanceCommand({ instanceName: other, iamUserArn: userArn(name) }));
      expect((await errorOf(sameUser)).name).toBe('IamUserArnAlreadyRegisteredException');
    });
  });

  describe('when a registration is malformed', () => {
    it.each([
      ['a name with a space', { instanceName: 'web 1', iamUserArn: userArn('x') }, 'InvalidInstanceNameException'],
      ['an EC2-looking name', { instanceName: 'i-0123456789', iamUserArn: userArn('x') }, 'InvalidInstanceNameException'],
      ['no IAM identity', { instanceName: 'web-x' }, 'IamArnRequiredException'],
      ['two IAM identities', { instanceName: 'web-x', iamUserArn: userArn('x'), iamSessionArn: 'arn:aws:sts::000000000000:assumed-role/r/s' }, 'MultipleIamArnsProvidedException'],
      ['a user ARN that is not one', { instanceName: 'web-x', iamUserArn: 'arn:aws:iam::000000000000:role/x' }, 'InvalidIamUserArnException'],
      ['a session ARN that is not one', { instanceName: 'web-x', iamSessionArn: 'session' }, 'InvalidIamSessionArnException'],
    ])('refuses %s', async (_, input, error) => {
      expect((await errorOf(client.send(new RegisterOnPremisesInstanceCommand(input)))).name).toBe(error);
    });
  });

  describe('when instances are tagged', () => {
    it('adds, overwrites and removes tags, at most 10 per instance', async () => {
      const name = fresh('tagged');
      await register(name);
      await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [name], tags: [{ Key: 'Role', Value: 'web' }, { Key: 'Env', Value: 'dev' }] }));
      await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [name], tags: [{ Key: 'Env', Value: 'prod' }] }));
      const get = async () => (await client.send(new GetOnPremisesInstanceCommand({ instanceName: name }))).instanceInfo?.tags;
      expect(await get()).toEqual([{ Key: 'Role', Value: 'web' }, { Key: 'Env', Value: 'prod' }]);
      const eleven = Array.from({ length: 9 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      expect((await errorOf(client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [name], tags: eleven })))).name).toBe('TagLimitExceededException');
      await client.send(new RemoveTagsFromOnPremisesInstancesCommand({ instanceNames: [name], tags: [{ Key: 'Env', Value: 'prod' }] }));
      expect(await get()).toEqual([{ Key: 'Role', Value: 'web' }]);
    });

    it.each([
      ['an unregistered instance', { instanceNames: ['never-registered'], tags: [{ Key: 'a', Value: 'b' }] }, 'InstanceNotRegisteredException'],
      ['no tags', { instanceNames: ['never-registered'], tags: [] }, 'TagRequiredException'],
      ['a tag without a value', { instanceNames: ['never-registered'], tags: [{ Key: 'a' }] }, 'InvalidTagException'],
      ['no instances', { instanceNames: [], tags: [{ Key: 'a', Value: 'b' }] }, 'InstanceNameRequiredException'],
    ])('refuses tagging %s', async (_, input, error) => {
      expect((await errorOf(client.send(new AddTagsToOnPremisesInstancesCommand(input)))).name).toBe(error);
    });

    it('lists instances by registration status and by tag filters, any filter matching', async () => {
      const [blue, green, gone] = [fresh('blue'), fresh('green'), fresh('gone')];
      const run = randomBytes(3).toString('hex');
      for (const name of [blue, green, gone]) await register(name);
      await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [blue], tags: [{ Key: `Run${run}`, Value: 'blue' }] }));
      await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [green, gone], tags: [{ Key: `Run${run}`, Value: 'green' }] }));
      await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName: gone }));
      const list = async (input: ListOnPremisesInstancesCommandInput) => (await client.send(new ListOnPremisesInstancesCommand(input))).instanceNames;
      expect(await list({ tagFilters: [{ Key: `Run${run}`, Type: 'KEY_ONLY' }] })).toEqual([blue, gone, green].sort());
      expect(await list({ registrationStatus: 'Registered', tagFilters: [{ Key: `Run${run}`, Type: 'KEY_ONLY' }] })).toEqual([blue, green].sort());
      expect(await list({ registrationStatus: 'Deregistered', tagFilters: [{ Key: `Run${run}`, Type: 'KEY_ONLY' }] })).toEqual([gone]);
      expect(await list({ tagFilters: [{ Key: `Run${run}`, Value: 'blue', Type: 'KEY_AND_VALUE' }, { Value: 'green', Type: 'VALUE_ONLY' }] })).toEqual(expect.arrayContaining([blue, green, gone]));
      expect(await list({ tagFilters: [{ Key: `Run${run}`, Value: 'blue', Type: 'KEY_AND_VALUE' }] })).toEqual([blue]);
    });
  });

  describe('when an instance is deregistered', () => {
    it('removes its container and keeps it, with its tags, as Deregistered', async () => {
      const name = fresh('leaving');
      await register(name);
      await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [name], tags: [{ Key: 'Role', Value: 'web' }] }));
      const containerName = (await listed()).find((i) => i.instanceName === name)!.containerName!;
      await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName: name }));
      expect((await errorOf(docker.getContainer(containerName).inspect())).message).toMatch(/no such container/i);
      const { instanceInfo } = await client.send(new GetOnPremisesInstanceCommand({ instanceName: name }));
      expect(instanceInfo?.deregisterTime).toBeInstanceOf(Date);
      expect(instanceInfo?.tags).toEqual([{ Key: 'Role', Value: 'web' }]);
      expect((await listed()).map((i) => i.instanceName)).not.toContain(name);
      expect((await errorOf(client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [name], tags: [{ Key: 'a', Value: 'b' }] })))).name).toBe('InstanceNotRegisteredException');
    });

    it('can be registered again, with a new ARN and a new container', async () => {
      const name = fresh('again');
      await register(name);
      const first = (await client.send(new GetOnPremisesInstanceCommand({ instanceName: name }))).instanceInfo!;
      await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName: name }));
      await register(name);
      const second = (await client.send(new GetOnPremisesInstanceCommand({ instanceName: name }))).instanceInfo!;
      expect(second.instanceArn).not.toBe(first.instanceArn);
      expect(second.deregisterTime).toBeUndefined();
      expect(await (await fetch((await listed()).find((i) => i.instanceName === name)!.url!)).text()).toContain('Welcome to nginx!');
    });
  });
});
