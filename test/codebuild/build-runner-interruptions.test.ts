import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BuildHarness, phaseSummary, plainLines } from './build-harness.js';
import { waitFor } from '../helpers/wait.js';

const harness = new BuildHarness();

beforeAll(() => harness.setUp());
beforeEach(() => harness.assertReady());
afterAll(() => harness.tearDown());

const SLEEPING = `version: 0.2
phases:
  build:
    commands:
      - echo sleeping
      - sleep 60
      - echo never
  post_build:
    commands:
      - echo never-post
`;

describe('createBuildRunner interruptions', () => {
  describe('when the build is stopped mid-command', () => {
    it('ends STOPPED without finishing the command or running the rest, and leaves no container behind', async () => {
      const stop = new AbortController();
      const lines: string[] = [];
      const request = await harness.request(SLEEPING, { signal: stop.signal, onLog: (line) => lines.push(line) });
      const running = harness.run(request);
      await waitFor(() => plainLines(lines).includes('Running command sleep 60'), { timeoutMs: 20_000 });
      const [name] = await harness.containers();
      // Sources are copied in: nothing of this machine is mounted into the build.
      const info = await harness.docker.getContainer(name).inspect();
      expect(info.Mounts).toEqual([]);
      expect(info.HostConfig.Binds ?? []).toEqual([]);
      stop.abort();
      const { outcome } = await running;
      expect(outcome.status).toBe('STOPPED');
      expect(phaseSummary(outcome).slice(-3)).toEqual(['BUILD:STOPPED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      // `sleep 60` was cut short: the command after it and post_build never ran.
      expect(plainLines(lines)).not.toContain('never');
      expect(plainLines(lines)).not.toContain('never-post');
      expect(await harness.containers()).toEqual([]);
    });
  });

  describe('when the build is stopped before it starts', () => {
    it('ends STOPPED without leaving a container', async () => {
      const stop = new AbortController();
      stop.abort();
      const { outcome } = await harness.build(SLEEPING, { signal: stop.signal });
      expect(outcome.status).toBe('STOPPED');
      expect(phaseSummary(outcome)).toEqual(['PROVISIONING:STOPPED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      expect(await harness.containers()).toEqual([]);
    });
  });

  describe('when the build runs past its timeout', () => {
    it('ends TIMED_OUT with BUILD_TIMED_OUT and leaves no container behind', async () => {
      // 0.1 minutes: 6 s, the unit the contract carries, without waiting the API's 5-minute minimum; long enough for
      // a cold container to start on a busy machine, so the timeout strikes during `sleep 60`.
      const { outcome, lines } = await harness.build(SLEEPING, { timeoutInMinutes: 0.1 });
      expect(outcome.status).toBe('TIMED_OUT');
      // The timeout cut `sleep 60` short: the command after it never ran.
      expect(plainLines(lines)).not.toContain('never');
      const build = outcome.phases.find((p) => p.phaseType === 'BUILD');
      expect(build).toMatchObject({ phaseStatus: 'TIMED_OUT', contexts: [{ statusCode: 'BUILD_TIMED_OUT', message: 'Build has timed out. ' }] });
      expect(phaseSummary(outcome).slice(-2)).toEqual(['FINALIZING:SUCCEEDED', 'COMPLETED']);
      expect(outcome.failure).toMatchObject({ phase: 'BUILD', statusCode: 'BUILD_TIMED_OUT' });
      expect(await harness.containers()).toEqual([]);
    });
  });

  describe("when a command kills the build's agent", () => {
    it('fails that command with the exit status of a killed process, and later phases run under a new agent', async () => {
      // The agent is the parent of each command's shell.
      const { outcome, lines } = await harness.build(`version: 0.2
phases:
  build:
    commands:
      - kill -9 $PPID
      - echo never
  post_build:
    commands:
      - echo "after the agent died"
`);
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure).toMatchObject({ phase: 'BUILD', statusCode: 'COMMAND_EXECUTION_ERROR', exitCode: 137 });
      expect(plainLines(lines)).not.toContain('never');
      expect(plainLines(lines)).toContain('after the agent died');
    });
  });

  describe('when a command leaves a process running in the background', () => {
    it('moves on once the command itself has exited, while the background process still runs', async () => {
      // The background process ends only once the next command has run: waiting for it (or for the output it
      // holds open) would never end, and the 1-minute build timeout would say TIMED_OUT instead of SUCCEEDED.
      const { outcome, lines } = await harness.build(
        `version: 0.2
phases:
  build:
    commands:
      - (until [ -e /tmp/next-ran ]; do sleep 0.1; done) &
      - touch /tmp/next-ran && echo after
`,
        { timeoutInMinutes: 1 },
      );
      expect(outcome.status).toBe('SUCCEEDED');
      expect(plainLines(lines)).toContain('after');
      expect(await harness.containers()).toEqual([]);
    });
  });
});
