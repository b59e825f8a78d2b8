import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import {
  ContainerRunner,
  PROJECT_LABEL_KEY,
  PROJECT_LABEL_VALUE,
  createDockerClient,
} from '../../src/runner/index.js';
import { waitFor } from '../helpers/wait.js';

const IMAGE = 'debian:bookworm-slim';
// Scopes every container of this file, so cleanup here never touches other test files' containers.
const TEST_LABELS = { 'codepipeline-local.test-run': randomUUID() };

async function inspectStatus(docker: Dockerode, id: string): Promise<number | 'exists'> {
  try {
    await docker.getContainer(id).inspect();
    return 'exists';
  } catch (err) {
    return (err as { statusCode: number }).statusCode;
  }
}

describe('ContainerRunner', () => {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  const runner = new ContainerRunner({ docker });

  let dockerProblem: string | undefined;

  beforeAll(async () => {
    if (!(await runner.ping())) {
      dockerProblem = 'Docker is not available: run `npm run setup` (scripts/setup-docker.sh)';
    } else if (!(await runner.imageExists(IMAGE))) {
      dockerProblem = `Docker image ${IMAGE} is missing: run \`npm run setup\` (scripts/setup-docker.sh)`;
    }
  });

  // Thrown before each test rather than once in beforeAll, where vitest would report the tests as skipped:
  // a run without Docker must count as failed tests, never as a quiet skip.
  beforeEach(() => {
    if (dockerProblem !== undefined) throw new Error(dockerProblem);
  });

  afterAll(async () => {
    if (dockerProblem === undefined) await runner.removeProjectContainers({ labels: TEST_LABELS });
  });

  describe('when Docker is reachable', () => {
    it('answers ping and knows which images exist', async () => {
      expect(await runner.ping()).toBe(true);
      expect(await runner.imageExists(IMAGE)).toBe(true);
      expect(await runner.imageExists('codepipeline-local-test/no-such-image:never')).toBe(false);
    });
  });

  describe('when running a one-off command', () => {
    it('returns its stdout, stderr and exit code', async () => {
      const result = await runner.run({
        image: IMAGE,
        cmd: ['sh', '-c', 'echo hello; echo oops >&2; exit 3'],
        labels: TEST_LABELS,
      });
      expect(result).toEqual({ exitCode: 3, stdout: 'hello\n', stderr: 'oops\n' });
    });

    it('runs a string command through sh -c with the given environment', async () => {
      const result = await runner.run({
        image: IMAGE,
        cmd: 'echo "$GREETING from $(pwd)"',
        env: { GREETING: 'héllo' },
        workingDir: '/tmp',
        labels: TEST_LABELS,
      });
      expect(result).toEqual({ exitCode: 0, stdout: 'héllo from /tmp\n', stderr: '' });
    });

    it('labels the container while it runs and removes it afterwards', async () => {
      const labels = { ...TEST_LABELS, 'codepipeline-local.test-case': randomUUID() };
      // The command runs until the test, having seen the container, lets it finish.
      const running = runner.run({ image: IMAGE, cmd: 'until [ -e /tmp/go ]; do sleep 0.05; done; echo done', labels });
      const seen = await waitFor(async () => (await runner.listProjectContainers({ labels }))[0], { timeoutMs: 10_000, description: 'the labelled container' });
      // Listed once created: the exec is tried again until the container has started.
      await waitFor(async () => (await (await docker.getContainer(seen.id).exec({ Cmd: ['touch', '/tmp/go'] })).start({ Detach: true }), true), { description: 'the go signal' });
      const result = await running;

      expect(seen?.labels).toMatchObject({ [PROJECT_LABEL_KEY]: PROJECT_LABEL_VALUE, ...labels });
      expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n' });
      expect(await runner.listProjectContainers({ labels })).toEqual([]);
      expect(await inspectStatus(docker, seen.id)).toBe(404);
    });

    it('fails clearly when the image is not present', async () => {
      await expect(
        runner.run({ image: 'codepipeline-local-test/no-such-image:never', cmd: 'true', labels: TEST_LABELS }),
      ).rejects.toThrow(/not present locally/);
    });
  });

  describe('when running a long-lived container', () => {
    it('shares state between execs through the filesystem and is gone after remove', async () => {
      const container = await runner.startLongLived({ image: IMAGE, labels: TEST_LABELS, env: { STAGE: 'build' } });
      try {
        const first = await container.exec(['sh', '-c', 'echo "$STAGE:$STEP" > /tmp/state'], { env: { STEP: '1' } });
        const second = await container.exec('cat /tmp/state; echo warn >&2; exit 7', { workingDir: '/tmp' });

        expect(first).toEqual({ exitCode: 0, stdout: '', stderr: '' });
        expect(second).toEqual({ exitCode: 7, stdout: 'build:1\n', stderr: 'warn\n' });
        const info = await docker.getContainer(container.id).inspect();
        expect(info.Config.Labels).toMatchObject({ [PROJECT_LABEL_KEY]: PROJECT_LABEL_VALUE, ...TEST_LABELS });
        expect(info.Name).toBe(`/${container.name}`);
      } finally {
        await container.remove();
      }
      expect(await inspectStatus(docker, container.id)).toBe(404);
      await expect(container.remove()).resolves.toBeUndefined();
    });
  });

  describe('when cleaning up project containers', () => {
    it('removes labelled containers and leaves unlabelled ones alone', async () => {
      const labels = { ...TEST_LABELS, 'codepipeline-local.test-case': randomUUID() };
      const ours = await runner.startLongLived({ image: IMAGE, labels });
      const stranger = await docker.createContainer({ Image: IMAGE, Cmd: ['true'], Labels: labels });
      try {
        expect((await runner.listProjectContainers({ labels })).map((c) => c.id)).toEqual([ours.id]);
        expect(await runner.removeProjectContainers({ labels })).toBe(1);
        expect(await inspectStatus(docker, ours.id)).toBe(404);
        expect(await inspectStatus(docker, stranger.id)).toBe('exists');
      } finally {
        await stranger.remove({ force: true });
      }
    });
  });
});
