import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { INSTALLATION_LABEL, INSTANCE_NAME_LABEL, InstanceContainers } from '../../src/codedeploy/instance-containers.js';
import { InstanceImage } from '../../src/codedeploy/instance-image.js';
import { createDockerClient } from '../../src/runner/index.js';
import { silentLogger } from '../../src/shared/index.js';
import type { InstanceContainerRef } from '../../src/store/index.js';

function sink(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
}

/** How long building the instance image may take the first time (apt-get in a fresh Debian). */
export const IMAGE_BUILD_TIMEOUT_MS = 600_000;

/** Removes the containers of the named instances, whatever a failed test left behind. */
export async function removeInstanceContainers(docker: Dockerode, names: string[]): Promise<void> {
  // Docker ANDs label filters, so the filter names only the label and the names are checked here.
  const found = await docker.listContainers({ all: true, filters: { label: [INSTANCE_NAME_LABEL] } });
  await Promise.all(found.filter((c) => names.includes(c.Labels[INSTANCE_NAME_LABEL])).map((c) => docker.getContainer(c.Id).remove({ force: true })));
}

/** Instance containers of one test file, on the real Docker engine, removed after the file's tests. */
export interface InstanceFixture {
  docker: Dockerode;
  containers: InstanceContainers;
  /** Creates and starts a fresh instance container. */
  instance(name?: string): Promise<InstanceContainerRef>;
  /** Runs a shell command in a container and returns its standard output (stderr appended on failure). */
  sh(containerId: string, command: string): Promise<string>;
}

/** Builds the instance image once (printing its progress) and gives the file's tests instance containers. */
export function useInstances(): InstanceFixture {
  const docker = createDockerClient(process.env.DOCKER_HOST);
  const installationId = `test-${randomUUID()}`;
  const log = silentLogger();
  const image = new InstanceImage({ docker, log });
  const containers = new InstanceContainers({ docker, image, installationId, log, limits: { memoryBytes: 512 * 1024 * 1024, cpus: 1, pidsLimit: 512 } });
  const scope = { account: '000000000000', region: 'us-east-1' };
  let problem: string | undefined;

  beforeAll(async () => {
    try {
      await docker.ping();
    } catch {
      problem = 'Docker is not available: run `npm run setup` (scripts/setup-docker.sh)';
      return;
    }
    await image.ensure((line) => console.log(line));
  }, IMAGE_BUILD_TIMEOUT_MS);

  // Thrown before each test, never a quiet skip: a run without Docker must count as failed tests.
  beforeEach(() => {
    if (problem) throw new Error(problem);
  });

  afterAll(async () => {
    const found = await docker.listContainers({ all: true, filters: { label: [`${INSTALLATION_LABEL}=${installationId}`] } });
    await Promise.all(found.filter((c) => c.Labels[INSTALLATION_LABEL] === installationId).map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  });

  return {
    docker,
    containers,
    instance: (name = `i${randomUUID().slice(0, 8)}`) => containers.create(scope, name),
    async sh(containerId, command) {
      const exec = await docker.getContainer(containerId).exec({ Cmd: ['bash', '-c', command], AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      docker.modem.demuxStream(stream, sink(out), sink(err));
      await new Promise((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
      });
      return Buffer.concat(out).toString() + Buffer.concat(err).toString();
    },
  };
}
