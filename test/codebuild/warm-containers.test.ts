import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildContainerLimits, DISK_CHECK_MS } from '../../src/codebuild/compute-limits.js';
import { BUILD_OWNER_LABEL, buildContainerName, isWarmContainerName, WarmBuildContainers, type BuildContainerSpec } from '../../src/codebuild/warm-containers.js';
import { inspectImage, type StreamingContainer } from '../../src/runner/index.js';
import { ManualClock, silentLogger } from '../../src/shared/index.js';
import { waitFor } from '../helpers/wait.js';
import { BuildHarness, IMAGE, phaseSummary, plainLines } from './build-harness.js';

const IDLE_MS = 60_000;
const LIMITS = { maxMemoryMb: 8192, maxCpus: 2, pidsLimit: 4096, diskMb: 10_240, diskCheckMs: DISK_CHECK_MS };
const harness = new BuildHarness(LIMITS);
// The pools made here own their containers apart from the harness's own pool.
const POOL_OWNER = `${harness.project}-pool`;
let imageId = '';

beforeAll(async () => {
  await harness.setUp();
  imageId = (await inspectImage(harness.docker, IMAGE))?.Id ?? '';
});
beforeEach(() => harness.assertReady());
afterAll(async () => {
  await harness.runner.removeProjectContainers({ labels: { [BUILD_OWNER_LABEL]: POOL_OWNER } });
  await harness.tearDown();
});

/** A pool on a manual clock, with the harness's Docker, owning its containers as POOL_OWNER. */
function pool(clock = new ManualClock()): { pool: WarmBuildContainers; clock: ManualClock } {
  const deps = { docker: harness.docker, runner: harness.runner, clock, timers: clock, log: silentLogger(), idleMs: IDLE_MS, owner: POOL_OWNER };
  return { pool: new WarmBuildContainers(deps), clock };
}

function spec(overrides: Partial<BuildContainerSpec> = {}): BuildContainerSpec {
  return { image: IMAGE, imageId, limits: buildContainerLimits('BUILD_GENERAL1_SMALL', LIMITS), ...overrides };
}

/** The ids of the pools' warm containers that are up. */
async function warmIds(): Promise<string[]> {
  const found = await harness.runner.listProjectContainers({ labels: { [BUILD_OWNER_LABEL]: POOL_OWNER } });
  return found.filter((c) => isWarmContainerName(c.name) && c.state === 'running').map((c) => c.id);
}

async function takeAndRemove(containers: WarmBuildContainers, wanted: BuildContainerSpec): Promise<StreamingContainer> {
  const taken = await containers.take(wanted, buildContainerName(`test:${randomUUID()}`));
  await taken.remove();
  return taken;
}

function buildspec(...commands: string[]): string {
  return `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      - ${JSON.stringify(c)}\n`).join('')}`;
}

describe('WarmBuildContainers', () => {
  describe('when a container was taken for a spec', () => {
    it('starts the next one behind it, which the next take of that spec gets, renamed after its build', async () => {
      const { pool: containers } = pool();
      await takeAndRemove(containers, spec());
      const [warm] = await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'a warm container' }, (ids) => ids.length === 1);
      const name = buildContainerName(`test:${randomUUID()}`);
      const taken = await containers.take(spec(), name);
      expect(taken.id).toBe(warm);
      expect((await harness.docker.getContainer(taken.id).inspect()).Name).toBe(`/${name}`);
      await taken.remove();
      await containers.close();
    });

    it('gives a take of other limits, another image id, a bind or a volume a container of its own', async () => {
      const { pool: containers } = pool();
      await takeAndRemove(containers, spec());
      const [warm] = await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'a warm container' }, (ids) => ids.length === 1);
      const others = [
        spec({ limits: buildContainerLimits('BUILD_GENERAL1_MEDIUM', LIMITS) }),
        spec({ limits: { ...buildContainerLimits('BUILD_GENERAL1_SMALL', LIMITS), pidsLimit: 100 } }),
        spec({ imageId: `${imageId}-rebuilt` }),
        spec({ binds: ['/var/run/docker.sock:/var/run/docker.sock'] }),
      ];
      for (const other of others) expect((await takeAndRemove(containers, other)).id).not.toBe(warm);
      expect(await warmIds()).toContain(warm);
      await containers.close();
    });

    it('starts a new one when the warm one was removed behind its back', async () => {
      const { pool: containers } = pool();
      await takeAndRemove(containers, spec());
      const [warm] = await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'a warm container' }, (ids) => ids.length === 1);
      await harness.docker.getContainer(warm).remove({ force: true });
      const taken = await takeAndRemove(containers, spec());
      expect(taken.id).not.toBe(warm);
      await containers.close();
    });
  });

  describe('when a warm container waits longer than the idle time', () => {
    it('removes it', async () => {
      const { pool: containers, clock } = pool();
      await takeAndRemove(containers, spec());
      await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'a warm container' }, (ids) => ids.length === 1);
      clock.advance(IDLE_MS - 1);
      expect(await warmIds()).toHaveLength(1);
      clock.advance(1);
      await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'the idle container to be removed' }, (ids) => ids.length === 0);
      await containers.close();
    });
  });

  describe('when it is closed', () => {
    it('removes every warm container, also one still starting, and starts no more', async () => {
      const { pool: containers } = pool();
      await takeAndRemove(containers, spec());
      await takeAndRemove(containers, spec({ limits: buildContainerLimits('BUILD_GENERAL1_MEDIUM', LIMITS) }));
      await containers.close();
      expect(await warmIds()).toEqual([]);
      await takeAndRemove(containers, spec());
      expect(await warmIds()).toEqual([]);
    });
  });

  describe('when a build releases its container', () => {
    it('removes it in the background, and close waits until it is gone', async () => {
      const { pool: containers } = pool();
      const taken = await containers.take(spec(), buildContainerName(`test:${randomUUID()}`));
      containers.release(taken);
      await containers.close();
      await expect(harness.docker.getContainer(taken.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    });
  });

  describe('when an earlier process of the same owner left containers', () => {
    it('removes its warm ones, those of the interrupted builds and of finished builds, and keeps its own', async () => {
      const { pool: earlier } = pool();
      const buildId = `test:${randomUUID()}`;
      const orphan = await earlier.take(spec(), buildContainerName(buildId));
      // A finished build whose removal the earlier process did not live to see.
      const finished = await earlier.take(spec(), buildContainerName(`test:${randomUUID()}`));
      const [leftover] = await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'a warm container' }, (ids) => ids.length === 1);
      const { pool: later } = pool();
      await takeAndRemove(later, spec({ limits: buildContainerLimits('BUILD_GENERAL1_MEDIUM', LIMITS) }));
      await waitFor(() => warmIds(), { timeoutMs: 30_000, description: 'the later warm container' }, (ids) => ids.length === 2);
      await later.removeLeftovers([buildId]);
      const left = await warmIds();
      expect(left).toHaveLength(1);
      expect(left).not.toContain(leftover);
      await expect(harness.docker.getContainer(orphan.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      await expect(harness.docker.getContainer(finished.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      await later.close();
    });
  });
});

describe('createBuildRunner with warm containers', () => {
  describe('when a second build of the same image and compute type runs', () => {
    it('takes the container started before it, still lists PROVISIONING, and leaves nothing of the first build in it', async () => {
      const first = await harness.build(buildspec('echo one > /root/left-behind', 'nohup sleep 600 > /dev/null 2>&1 &', 'echo "first: $FIRST_ONLY"'), {
        environmentVariables: [{ name: 'FIRST_ONLY', value: 'from-the-first', type: 'PLAINTEXT' }],
      });
      expect(first.outcome.status).toBe('SUCCEEDED');
      expect(plainLines(first.lines)).toContain('first: from-the-first');
      const [warm] = await waitFor(() => harness.warmContainers(), { timeoutMs: 30_000, description: 'a warm container' }, (found) => found.some((c) => c.state === 'running'));
      const second = await harness.build(
        buildspec('echo "host: $(cat /etc/hostname)"', 'echo "first: ${FIRST_ONLY-unset}"', 'test ! -e /root/left-behind', '! grep -qs "slee[p]" /proc/[0-9]*/cmdline'),
      );
      expect(second.outcome.status).toBe('SUCCEEDED');
      expect(plainLines(second.lines)).toContain(`host: ${warm.id.slice(0, 12)}`);
      expect(plainLines(second.lines)).toContain('first: unset');
      expect(phaseSummary(second.outcome)[0]).toBe('PROVISIONING:SUCCEEDED');
      const provisioning = second.outcome.phases[0];
      expect(provisioning.endMs).toBeGreaterThanOrEqual(provisioning.startMs);
      expect(await harness.containers()).toEqual([]);
    });
  });

  describe('when a build of another compute type runs', () => {
    it('gets a container of its own limits, not the warm one', async () => {
      await harness.build(buildspec('true'));
      const [warm] = await waitFor(() => harness.warmContainers(), { timeoutMs: 30_000, description: 'a warm container' }, (found) => found.some((c) => c.state === 'running'));
      const { outcome, lines } = await harness.build(buildspec('echo "host: $(cat /etc/hostname)"', 'echo "memory: $(cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null)"'), { computeType: 'BUILD_GENERAL1_MEDIUM' });
      expect(outcome.status).toBe('SUCCEEDED');
      expect(plainLines(lines)).not.toContain(`host: ${warm.id.slice(0, 12)}`);
      expect(plainLines(lines)).toContain(`memory: ${7 * 1024 * 1024 * 1024}`);
    });
  });
});
