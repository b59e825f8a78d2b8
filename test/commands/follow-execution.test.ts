import { CreatePipelineCommand, GetPipelineExecutionCommand, ListPipelineExecutionsCommand, UpdatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommand, waitCommand, type FollowOutput } from '../../src/commands/follow-execution.js';
import { readConfig, type Config } from '../../src/config.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';
import { firstExecutionId, waitFor, waitForExecutionEnd } from '../helpers/wait.js';

function capture(tty = false): FollowOutput & { out: string; errors: string } {
  const sink = { out: '', errors: '', tty, write: (t: string) => void (sink.out += t), err: (t: string) => void (sink.errors += t) };
  return sink;
}

describe('codepipeline-local start and wait', () => {
  let env: TestEmulator;
  let config: Config;

  beforeAll(async () => {
    env = await startTestEmulator({}, { overrides: { providers: localTestProviders() } });
    config = readConfig({ port: new URL(env.url).port }, {}, false);
  });
  afterAll(async () => env.close());

  const pipeline = (name: string, buildConfig: Record<string, string>) =>
    localPipeline(name, [{ name: 'Build', actions: [testAction('Compile', 'Build', buildConfig, { inputArtifacts: [{ name: 'SourceArtifact' }] }), testAction('Lint', 'Build', { Sleep: '50' }, { runOrder: 2 })] }]);
  const create = async (name: string, buildConfig: Record<string, string>) => {
    const client = env.codepipeline();
    await client.send(new CreatePipelineCommand({ pipeline: pipeline(name, buildConfig) }));
    return client;
  };

  describe('when the execution succeeds', () => {
    it('follows it stage by stage and exits 0', async () => {
      // Compile runs until the test, having seen it drawn InProgress, makes the file. The execution CreatePipeline
      // started runs without it and has ended, so the one the command starts goes straight into Build.
      const release = join(freshDataDir(), 'release-compile');
      const name = uniqueName('follow');
      const client = await create(name, {});
      await waitForExecutionEnd(client, name, await firstExecutionId(client, name));
      await client.send(new UpdatePipelineCommand({ pipeline: pipeline(name, { WaitForFile: release }) }));
      const output = capture();
      const exitCode = startCommand(config, name, {}, output);
      await waitFor(() => /◐ Compile\s+InProgress/.test(output.out), { description: 'Compile drawn InProgress' });
      writeFileSync(release, '');
      expect(await exitCode).toBe(0);
      expect(output.out).toMatch(/^Started execution [0-9a-f-]{36} of pipeline/);
      const frames = output.out.split(/\n(?=\S)/);
      expect(frames.some((f) => /◐ Build\s+InProgress/.test(f) && /◐ Compile\s+InProgress/.test(f))).toBe(true);
      expect(frames.at(-1)).toMatch(/✔ .*Succeeded/);
      expect(frames.at(-1)).toMatch(/✔ Lint\s+Succeeded/);
    });
  });

  describe('when the execution fails', () => {
    it('shows the failing action and its message, and exits 1', async () => {
      const name = uniqueName('follow');
      await create(name, { Outcome: 'Fail', Summary: 'tests are red' });
      const output = capture();
      expect(await startCommand(config, name, {}, output)).toBe(1);
      expect(output.out).toMatch(/✖ Compile\s+Failed\s+tests are red/);
      expect(output.out).toMatch(/· Lint\s+Pending/);
    });
  });

  describe('when asked to wait for the newest execution', () => {
    it('follows the execution CreatePipeline started', async () => {
      const name = uniqueName('follow');
      const client = await create(name, { Sleep: '200' });
      const output = capture(true);
      expect(await waitCommand(config, name, undefined, output)).toBe(0);
      const [latest] = (await client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!;
      expect(output.out).toContain(latest.pipelineExecutionId);
      // On a terminal the display redraws in place, in colour.
      expect(output.out).toContain('\u001b[32m');
      const got = await client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: latest.pipelineExecutionId }));
      expect(got.pipelineExecution?.status).toBe('Succeeded');
    });
  });

  describe('when asked to wait for an execution of an earlier version of the pipeline', () => {
    it('shows the stages and actions of the version it ran', async () => {
      const name = uniqueName('follow');
      const client = await create(name, {});
      const first = await firstExecutionId(client, name);
      await waitForExecutionEnd(client, name, first);
      const renamed = localPipeline(name, [{ name: 'Verify', actions: [testAction('Unit', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] })] }]);
      await client.send(new UpdatePipelineCommand({ pipeline: renamed }));
      const output = capture();
      expect(await waitCommand(config, name, first, output)).toBe(0);
      expect(output.out).toMatch(/✔ Compile\s+Succeeded/);
      expect(output.out).toMatch(/✔ Lint\s+Succeeded/);
      expect(output.out).not.toContain('Verify');
      expect(output.out).not.toContain('Unit');
    });
  });

  describe('when asked to wait for an execution that does not exist', () => {
    it('prints AWS’s error for the execution', async () => {
      const name = uniqueName('follow');
      await create(name, {});
      const output = capture();
      expect(await waitCommand(config, name, '00000000-0000-4000-8000-000000000000', output)).toBe(1);
      expect(output.errors).toMatch(/^PipelineExecutionNotFoundException: /);
    });
  });

  describe('when something is wrong', () => {
    it('prints AWS’s error for an unknown pipeline', async () => {
      const output = capture();
      expect(await startCommand(config, 'no-such-pipeline', {}, output)).toBe(1);
      expect(output.errors).toBe("PipelineNotFoundException: Account '000000000000' does not have a pipeline with name 'no-such-pipeline'\n");
    });

    it('says how to start the server when nothing listens', async () => {
      const output = capture();
      expect(await waitCommand({ ...config, port: 1 }, 'x', undefined, output)).toBe(1);
      expect(output.errors).toContain('codepipeline-local is not reachable at http://127.0.0.1:1');
    });

    it('prints usage without a pipeline name', async () => {
      const output = capture();
      expect(await startCommand(config, undefined, {}, output)).toBe(2);
      expect(output.errors).toContain('Usage: codepipeline-local start NAME');
    });
  });
});
