import { parsedJson, scratchCliEnv } from '../helpers/aws-cli-process.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { runAsync } from '../helpers/run-async.js';
import { requireAwsCli } from '../helpers/aws-cli-required.js';

// Acceptance through the real AWS CLI: its botocore parser is stricter about shapes and timestamps than a
// hand-written client, and `aws --endpoint-url` is how most people will first meet the emulator.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'fixtures/pipelines/cli/create-pipeline.json';
const NAME = 'cli-demo';
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  json: any;
}

/** Reads the CLI's major version, failing (never skipping) when `aws` is missing. */
function awsCliMajor(): number {
  const match = /aws-cli\/(\d+)\./.exec(requireAwsCli());
  return match ? Number(match[1]) : 2;
}

function isoAgeMs(value: unknown): number {
  expect(value).toMatch(ISO_TIMESTAMP);
  return Math.abs(Date.now() - Date.parse(value as string));
}

describe('the AWS CLI against the emulator', () => {
  let env: TestEmulator;
  let scratch: string;
  let cliMajor: number;
  let missingCli: Error | undefined;
  let arn: string;

  // Asynchronous on purpose: the emulator listens in this process, so a blocking spawn would starve it.
  async function aws(...args: string[]): Promise<CliRun> {
    // Every test fails with the install hint, rather than vitest reporting them as skipped after a hook failure.
    if (missingCli) throw missingCli;
    const argv = ['--endpoint-url', env.url, '--region', 'us-east-1', '--output', 'json', 'codepipeline', ...args];
    // The binary itself, not the helper's long-lived process: this file shows `aws` works as a user runs it.
    const cliEnv = Object.fromEntries(Object.entries({ ...process.env, ...scratchCliEnv(scratch) }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
    const run = await runAsync('aws', argv, { cwd: ROOT, env: cliEnv });
    return { ...run, json: parsedJson(run.stdout) };
  }

  async function ok(...args: string[]): Promise<any> {
    const run = await aws(...args);
    if (run.code !== 0) throw new Error(`aws codepipeline ${args.join(' ')} exited with ${run.code}:\n${run.stderr}`);
    return run.json;
  }

  beforeAll(async () => {
    try {
      cliMajor = awsCliMajor();
    } catch (error) {
      missingCli = error as Error;
    }
    scratch = mkdtempSync(join(tmpdir(), 'cpl-aws-cli-'));
    writeFileSync(join(scratch, 'config'), '[default]\ncli_timestamp_format = iso8601\n');
    writeFileSync(join(scratch, 'credentials'), '');
    env = await startTestEmulator();
    arn = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${NAME}`;
  });

  afterAll(async () => {
    await env?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  // The steps share one pipeline and run in order, as a person would type them.
  describe('when a pipeline is created from --cli-input-json', () => {
    it('echoes version 1 with the defaults AWS fills in, and the tags', async () => {
      const out = await ok('create-pipeline', '--cli-input-json', `file://${FIXTURE}`);
      expect(out.pipeline.name).toBe(NAME);
      expect(out.pipeline.version).toBe(1);
      const [source, build] = out.pipeline.stages.map((s: any) => s.actions[0]);
      expect(source).toMatchObject({ name: 'Source', runOrder: 1, inputArtifacts: [], outputArtifacts: [{ name: 'SourceArtifact' }] });
      expect(build).toMatchObject({ name: 'Build', runOrder: 1, outputArtifacts: [], inputArtifacts: [{ name: 'SourceArtifact' }] });
      expect(out.tags).toEqual([{ key: 'team', value: 'platform' }]);
    });

    it('gets it back with its ARN and timestamps the CLI parsed', async () => {
      const out = await ok('get-pipeline', '--name', NAME);
      expect(out.pipeline.version).toBe(1);
      expect(out.metadata.pipelineArn).toBe(arn);
      expect(isoAgeMs(out.metadata.created)).toBeLessThan(10 * 60_000);
      expect(isoAgeMs(out.metadata.updated)).toBeLessThan(10 * 60_000);
    });
  });

  describe('when get-pipeline output is edited and sent to update-pipeline', () => {
    it('stores version 2 with the changed stage', async () => {
      const current = await ok('get-pipeline', '--name', NAME);
      const pipeline = structuredClone(current.pipeline);
      pipeline.stages[1].name = 'BuildAndTest';
      pipeline.stages[1].actions[0].configuration.ProjectName = 'other-project';
      const file = join(scratch, 'update-pipeline.json');
      writeFileSync(file, JSON.stringify({ pipeline }));

      const updated = await ok('update-pipeline', '--cli-input-json', `file://${file}`);
      expect(updated.pipeline.version).toBe(2);
      expect(updated.pipeline.stages[1]).toMatchObject({ name: 'BuildAndTest', actions: [{ configuration: { ProjectName: 'other-project' } }] });

      const after = await ok('get-pipeline', '--name', NAME);
      expect(after.pipeline.version).toBe(2);
      expect(after.pipeline.stages.map((s: any) => s.name)).toEqual(['Source', 'BuildAndTest']);
      expect(Date.parse(after.metadata.updated)).toBeGreaterThanOrEqual(Date.parse(after.metadata.created));
    });

    it('lists it at version 2 with ISO timestamps', async () => {
      const out = await ok('list-pipelines');
      const summary = out.pipelines.find((p: any) => p.name === NAME);
      expect(summary).toMatchObject({ name: NAME, version: 2 });
      expect(isoAgeMs(summary.created)).toBeLessThan(10 * 60_000);
      expect(isoAgeMs(summary.updated)).toBeLessThan(10 * 60_000);
    });
  });

  describe('when it is tagged', () => {
    it('lists the new tag beside the one given at creation', async () => {
      const tagged = await aws('tag-resource', '--resource-arn', arn, '--tags', 'key=env,value=dev');
      expect(tagged.code, tagged.stderr).toBe(0);
      const out = await ok('list-tags-for-resource', '--resource-arn', arn);
      const byKey = [...out.tags].sort((a: any, b: any) => a.key.localeCompare(b.key));
      expect(byKey).toEqual([
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'platform' },
      ]);
    });
  });

  describe('when it is deleted', () => {
    it('is no longer listed', async () => {
      const deleted = await aws('delete-pipeline', '--name', NAME);
      expect(deleted.code, deleted.stderr).toBe(0);
      const out = await ok('list-pipelines');
      expect(out.pipelines.map((p: any) => p.name)).not.toContain(NAME);
    });
  });

  describe('when the pipeline does not exist', () => {
    it('fails with PipelineNotFoundException and the CLI exit code for service errors', async () => {
      const run = await aws('get-pipeline', '--name', 'no-such-pipeline');
      // CLI v2 exits 254 on a service error; v1 used 255 for every failure.
      expect(run.code).toBe(cliMajor >= 2 ? 254 : 255);
      expect(run.stderr).toContain('PipelineNotFoundException');
      expect(run.stdout.trim()).toBe('');
    });
  });
});
