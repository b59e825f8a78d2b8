import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildContainerLimits } from '../../src/codebuild/compute-limits.js';
import { waitFor } from '../helpers/wait.js';
import { BuildHarness, phaseSummary, plainLines } from './build-harness.js';

// Small limits, so each test breaks one quickly and boundedly: 64 MB, 24 processes, 4 MB written, checked often.
const LIMITS = { maxMemoryMb: 64, pidsLimit: 24, diskMb: 4, diskCheckMs: 100 };
const harness = new BuildHarness(LIMITS);

beforeAll(() => harness.setUp());
beforeEach(() => harness.assertReady());
afterAll(() => harness.tearDown());

function buildspec(...commands: string[]): string {
  return `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      - ${JSON.stringify(c)}\n`).join('')}  post_build:\n    commands:\n      - echo post\n`;
}

describe('createBuildRunner limits', () => {
  describe('when the build runs', () => {
    it('gets its compute type\'s memory and CPUs capped by the emulator\'s limits, and the process limit', async () => {
      const lines: string[] = [];
      const request = await harness.request(buildspec('echo ready', 'sleep 30'), { computeType: 'BUILD_GENERAL1_MEDIUM', onLog: (line) => lines.push(line) });
      const stop = new AbortController();
      const running = harness.run({ ...request, signal: stop.signal });
      await waitFor(() => plainLines(lines).includes('Running command sleep 30'), { timeoutMs: 20_000 });
      const [name] = await harness.containers();
      const { HostConfig } = await harness.docker.getContainer(name).inspect();
      expect(HostConfig).toMatchObject({ Memory: 64 * 1024 * 1024, MemorySwap: 64 * 1024 * 1024, NanoCpus: 2e9, PidsLimit: 24 });
      stop.abort();
      expect((await running).outcome.status).toBe('STOPPED');
    });
  });

  describe('when a buildspec forks more processes than the limit', () => {
    it('fails the build at the process limit, and this machine can still start processes', async () => {
      const { outcome, lines } = await harness.build(buildspec('for i in $(seq 100); do sleep 300 & done; wait'));
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({ phase: 'BUILD', statusCode: 'CLIENT_ERROR', message: 'fork: Resource temporarily unavailable: the build reached its limit of 24 processes' });
      expect(phaseSummary(outcome).slice(-3)).toEqual(['BUILD:FAILED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      expect(plainLines(lines)).toContain('Phase context status code: CLIENT_ERROR Message: fork: Resource temporarily unavailable: the build reached its limit of 24 processes');
      expect(execFileSync('echo', ['fine'], { encoding: 'utf8' })).toBe('fine\n');
      expect(await harness.containers()).toEqual([]);
    });
  });

  describe('when a buildspec writes more than the disk limit', () => {
    it('fails with the out-of-space wording while the command still runs', async () => {
      const { outcome, lines } = await harness.build(buildspec('dd if=/dev/zero of=big bs=1M count=16 && sleep 300'));
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({ phase: 'BUILD', statusCode: 'CLIENT_ERROR' });
      expect(outcome.failure?.message).toMatch(/^no space left on device: the build wrote \d+ MB, more than the 4 MB a build may write$/);
      expect(plainLines(lines)).not.toContain('post');
      expect(await harness.containers()).toEqual([]);
    });

    it('fails before packing artifacts when the last command wrote past the limit and ended', async () => {
      const spec = `version: 0.2\nphases:\n  build:\n    commands:\n      - dd if=/dev/zero of=big bs=1M count=16\nartifacts:\n  files:\n    - big\n`;
      const { outcome } = await harness.build(spec, { artifacts: { primary: 'out', secondary: [], outDir: await harness.tempDir() } });
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({ phase: 'UPLOAD_ARTIFACTS', statusCode: 'CLIENT_ERROR' });
      expect(outcome.failure?.message).toMatch(/^no space left on device/);
      expect(outcome.artifacts).toEqual({});
    });
  });

  describe('when a buildspec uses more memory than the limit', () => {
    it('fails the command with the out-of-memory wording', async () => {
      const { outcome } = await harness.build(buildspec('head -c 300m /dev/zero | tail > /dev/null'));
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({
        phase: 'BUILD',
        statusCode: 'COMMAND_EXECUTION_ERROR',
        message: "Error while executing command: head -c 300m /dev/zero | tail > /dev/null. Reason: exit status 137: out of memory (the build container's memory limit is 64 MB)",
        exitCode: 137,
      });
    });
  });
});

describe('buildContainerLimits', () => {
  const caps = { maxMemoryMb: 1_000_000, maxCpus: 1000, pidsLimit: 4096, diskMb: 10_240, diskCheckMs: 2000 };
  it.each([
    ['BUILD_GENERAL1_SMALL', 3 * 1024, 2],
    ['BUILD_GENERAL1_MEDIUM', 7 * 1024, 4],
    ['BUILD_GENERAL1_LARGE', 15 * 1024, 8],
    [undefined, 3 * 1024, 2],
    ['BUILD_LAMBDA_4GB', 4 * 1024, 2],
  ])('maps %s to %i MB and %i CPUs', (computeType, memoryMb, cpus) => {
    expect(buildContainerLimits(computeType, caps)).toMatchObject({ memoryMb, memoryBytes: memoryMb * 1024 * 1024, cpus, pidsLimit: 4096 });
  });

  it('caps the compute type at what the host has', () => {
    expect(buildContainerLimits('BUILD_GENERAL1_LARGE', { ...caps, maxMemoryMb: 4096, maxCpus: 2 })).toMatchObject({ memoryMb: 4096, cpus: 2 });
  });
});
