import { CodeDeployClient, DeregisterOnPremisesInstanceCommand, RegisterOnPremisesInstanceCommand } from '@aws-sdk/client-codedeploy';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceImage } from '../../src/codedeploy/instance-image.js';
import { createDockerClient } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { IMAGE_BUILD_TIMEOUT_MS, removeInstanceContainers } from '../codedeploy/instance-fixture.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

interface Listed {
  instanceName: string;
  url?: string;
  containerName?: string;
}

describe('instancesFeature', () => {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  const dataDir = freshDataDir();
  const name = `restart-${randomBytes(3).toString('hex')}`;
  let env: TestEmulator | undefined;

  const listed = async (emulator: TestEmulator) => ((await (await fetch(`${emulator.url}/codedeploy/instances`)).json()) as { instances: Listed[] }).instances.find((i) => i.instanceName === name);
  const restart = async () => {
    await env?.close();
    // Instance limits set small, so the test sees they come from the configuration.
    env = await startTestEmulator({ dataDir, instanceMemoryMb: 96, instanceCpus: 0.5, instancePidsLimit: 64 });
    return env;
  };

  beforeAll(async () => {
    await new InstanceImage({ docker, log: silentLogger() }).ensure((line) => console.log(line));
  }, IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (env) {
      await env.client(CodeDeployClient).send(new DeregisterOnPremisesInstanceCommand({ instanceName: name })).catch(() => undefined);
      await env.close();
    }
    await removeInstanceContainers(docker, [name]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('when the emulator restarts on the same data directory', () => {
    it('finds the instance container again, starting it when it stopped, at the same URL', async () => {
      const first = await restart();
      await first.client(CodeDeployClient).send(new RegisterOnPremisesInstanceCommand({ instanceName: name, iamUserArn: `arn:aws:iam::000000000000:user/${name}` }));
      const before = (await listed(first))!;
      const container = docker.getContainer(before.containerName!);
      const { Id: id, HostConfig } = await container.inspect();
      expect(HostConfig).toMatchObject({ Memory: 96 * 1024 * 1024, MemorySwap: 96 * 1024 * 1024, NanoCpus: 5e8, PidsLimit: 64 });
      // A machine reboot: the container stops while the emulator is down.
      await first.close();
      env = undefined;
      await container.stop({ t: 1 });

      const second = await restart();
      const after = (await listed(second))!;
      expect(after).toEqual(before);
      expect((await container.inspect()).Id).toBe(id);
      expect((await container.inspect()).State.Running).toBe(true);
      expect(await (await fetch(after.url!)).text()).toContain('Welcome to nginx!');
    });

    it('creates the container again, on the same port, when it was removed', async () => {
      const before = (await listed(env!))!;
      await docker.getContainer(before.containerName!).remove({ force: true });
      const third = await restart();
      const after = (await listed(third))!;
      expect(after.url).toBe(before.url);
      expect(after.containerName).toBe(before.containerName);
      expect(await (await fetch(after.url!)).text()).toContain('Welcome to nginx!');
    });
  });
});
