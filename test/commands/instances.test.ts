import { CodeDeployClient, DeregisterOnPremisesInstanceCommand, RegisterOnPremisesInstanceCommand } from '@aws-sdk/client-codedeploy';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instancesCommand, renderInstances } from '../../src/commands/instances.js';
import { InstanceImage } from '../../src/codedeploy/instance-image.js';
import { readConfig } from '../../src/config.js';
import { createDockerClient } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { IMAGE_BUILD_TIMEOUT_MS, removeInstanceContainers } from '../codedeploy/instance-fixture.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

const configFor = (url: string) => readConfig({ host: '127.0.0.1', port: new URL(url).port }, {}, false);

describe('instancesCommand', () => {
  describe('renderInstances', () => {
    it('lays out name, URL, container and tags in columns', () => {
      const text = renderInstances([
        { account: '000000000000', region: 'us-east-1', instanceName: 'web-1', url: 'http://127.0.0.1:40001/', containerName: 'c1', tags: [{ Key: 'Role', Value: 'web' }] },
        { account: '000000000000', region: 'us-east-1', instanceName: 'db', url: 'http://127.0.0.1:40002/', containerName: 'c2', tags: [] },
      ]);
      expect(text).toBe(
        'NAME   URL                      CONTAINER  TAGS\n' + 'web-1  http://127.0.0.1:40001/  c1         Role=web\n' + 'db     http://127.0.0.1:40002/  c2         -\n',
      );
    });

    it('adds region and account columns when instances live in several', () => {
      const text = renderInstances([
        { account: '000000000000', region: 'us-east-1', instanceName: 'a', tags: [] },
        { account: '111111111111', region: 'eu-west-1', instanceName: 'b', tags: [] },
      ]);
      expect(text.split('\n')[0]).toMatch(/^REGION\s+ACCOUNT\s+NAME\s+URL/);
      expect(text).toContain('(no container)');
    });
  });

  describe('when the server runs', () => {
    const docker = createDockerClient(process.env.DOCKER_HOST);
    const name = `cli-${randomBytes(3).toString('hex')}`;
    let env: TestEmulator;
    let client: CodeDeployClient;

    beforeAll(async () => {
      await new InstanceImage({ docker, log: silentLogger() }).ensure((line) => console.log(line));
      env = await startTestEmulator();
      client = env.client(CodeDeployClient);
    }, IMAGE_BUILD_TIMEOUT_MS);

    afterAll(async () => {
      await client?.send(new DeregisterOnPremisesInstanceCommand({ instanceName: name })).catch(() => undefined);
      await env?.close();
      await removeInstanceContainers(docker, [name]);
    });

    it('explains how to register an instance when there is none', async () => {
      const io = capture();
      expect(await instancesCommand(configFor(env.url), io.output)).toBe(0);
      expect(io.out()).toContain('No instances are registered.');
      expect(io.out()).toContain(`aws --endpoint-url ${env.url} deploy register-on-premises-instance --instance-name web-1`);
    });

    it('lists the registered instances with the URL that answers', async () => {
      await client.send(new RegisterOnPremisesInstanceCommand({ instanceName: name, iamUserArn: `arn:aws:iam::000000000000:user/${name}` }));
      const io = capture();
      expect(await instancesCommand(configFor(env.url), io.output)).toBe(0);
      const row = io.out().split('\n').find((line) => line.startsWith(name))!;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(row)![0];
      expect(await (await fetch(url)).text()).toContain('Welcome to nginx!');
    });
  });

  describe('when no server runs', () => {
    it('says where it looked and how to start one', async () => {
      const io = capture();
      expect(await instancesCommand(readConfig({ host: '127.0.0.1', port: '9' }, {}, false), io.output)).toBe(1);
      expect(io.err()).toContain('codepipeline-local is not reachable at http://127.0.0.1:9');
    });
  });
});
