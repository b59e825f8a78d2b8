import { GetPipelineCommand, ListTagsForResourceCommand, type CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLogger, type Logger } from '../../../src/shared/index.js';
import { CLI } from '../../helpers/child-server.js';
import { freshDataDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { waitFor } from '../../helpers/wait.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures/pipelines/files');

interface LogLine {
  level: number;
  msg: string;
}

const LEVEL = { debug: 20, info: 30, warn: 40 } as const;

/** A debug-level logger whose JSON lines the test can read back. */
function capturingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

function getPipeline(client: CodePipelineClient, name: string) {
  return client.send(new GetPipelineCommand({ name }));
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // The emulator's own variables must not leak from the developer's shell into the command under test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CODEPIPELINE_LOCAL_')));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function portOf(url: string): string {
  return new URL(url).port;
}

describe('pipeline files', () => {
  let pipelinesDir: string;
  let emulator: TestEmulator | undefined;
  let logs: LogLine[];
  let log: Logger;
  const cleanups: (() => void)[] = [];

  beforeEach(() => {
    pipelinesDir = mkdtempSync(join(tmpdir(), 'cpl-pipelines-'));
    copyFileSync(join(FIXTURES, 'web-app.json'), join(pipelinesDir, 'web-app.json'));
    copyFileSync(join(FIXTURES, 'api-service.yaml'), join(pipelinesDir, 'api-service.yaml'));
    ({ log, lines: logs } = capturingLogger());
  });

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    rmSync(pipelinesDir, { recursive: true, force: true });
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  const messages = (level: number) => logs.filter((l) => l.level === level).map((l) => l.msg);

  describe('when files are present at start', () => {
    it('creates a pipeline from the JSON file in get-pipeline form and from the YAML declaration', async () => {
      emulator = await startTestEmulator({ pipelinesDir }, { log });
      const client = emulator.codepipeline();
      const web = await getPipeline(client, 'web-app');
      expect(web.pipeline?.version).toBe(1); // the file's version 3 is the server's to set, so it is ignored
      expect(web.pipeline?.stages?.[0].actions?.[0].configuration).toEqual({ BranchName: 'main', RepositoryName: 'web-app' });
      expect(web.metadata?.pipelineArn).toBe('arn:aws:codepipeline:us-east-1:000000000000:web-app');
      const api = await getPipeline(client, 'api-service');
      expect(api.pipeline?.version).toBe(1);
      expect(api.pipeline?.stages?.[1].actions?.[0].runOrder).toBe(1);
      expect(messages(LEVEL.info)).toEqual(
        expect.arrayContaining([
          "pipeline file web-app.json: created pipeline 'web-app' (version 1)",
          "pipeline file api-service.yaml: created pipeline 'api-service' (version 1)",
        ]),
      );
    });
  });

  describe('when a file is edited while the server runs', () => {
    it('updates the pipeline to version 2, visible through GetPipeline', async () => {
      emulator = await startTestEmulator({ pipelinesDir }, { log });
      const client = emulator.codepipeline();
      const file = join(pipelinesDir, 'web-app.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"BranchName": "main"', '"BranchName": "release"'));
      const updated = await waitFor(() => getPipeline(client, 'web-app'), { description: 'web-app at version 2' }, (r) => r.pipeline?.version === 2);
      expect(updated.pipeline?.stages?.[0].actions?.[0].configuration?.BranchName).toBe('release');
      expect(messages(LEVEL.info)).toContain("pipeline file web-app.json: updated pipeline 'web-app' (version 2)");
    });
  });

  describe('when the server restarts with unchanged files', () => {
    it('keeps every version and logs the files as unchanged', async () => {
      const dataDir = freshDataDir();
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      await (await startTestEmulator({ pipelinesDir, dataDir })).close();
      emulator = await startTestEmulator({ pipelinesDir, dataDir }, { log });
      const client = emulator.codepipeline();
      expect((await getPipeline(client, 'web-app')).pipeline?.version).toBe(1);
      expect((await getPipeline(client, 'api-service')).pipeline?.version).toBe(1);
      expect(messages(LEVEL.debug)).toEqual(
        expect.arrayContaining([
          "pipeline file web-app.json: unchanged pipeline 'web-app' (version 1)",
          "pipeline file api-service.yaml: unchanged pipeline 'api-service' (version 1)",
        ]),
      );
    });
  });

  describe('when a file becomes invalid', () => {
    it('leaves the existing pipeline untouched and reports the file with the error', async () => {
      emulator = await startTestEmulator({ pipelinesDir }, { log });
      const file = join(pipelinesDir, 'api-service.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('- name: SourceArtifact\n  - name: Build', '- name: Elsewhere\n  - name: Build'));
      const warning = await waitFor(() => messages(LEVEL.warn), { description: 'a warning logged' }, (m) => m.length > 0);
      expect(warning[0]).toMatch(/^pipeline file api-service\.yaml is invalid: Invalid\w+Exception: .+/);
      const api = await getPipeline(emulator.codepipeline(), 'api-service');
      expect(api.pipeline?.version).toBe(1);
      expect(api.pipeline?.stages?.[0].actions?.[0].outputArtifacts).toEqual([{ name: 'SourceArtifact' }]);
    });
  });

  describe('when a file has a syntax error', () => {
    it.each([
      ['broken.json', '{\n  "name": "x",\n  "stages": [\n}\n', /^pipeline file broken\.json is invalid: SerializationException: broken\.json is not valid JSON at line 4, column 1: Unexpected token '}'$/],
      ['broken.yaml', 'name: x\nstages:\n  - name: [Source\n', /^pipeline file broken\.yaml is invalid: SerializationException: broken\.yaml is not valid YAML at line \d+, column \d+: .+/],
    ])('reports %s with its line and creates nothing', async (name, text, expected) => {
      writeFileSync(join(pipelinesDir, name), text);
      emulator = await startTestEmulator({ pipelinesDir }, { log });
      expect(messages(LEVEL.warn)).toEqual([expect.stringMatching(expected)]);
      await expect(getPipeline(emulator.codepipeline(), 'x')).rejects.toThrow(/does not have a pipeline with name 'x'/);
    });
  });

  describe('when a file fails a model constraint', () => {
    it('reports the ValidationException of the API', async () => {
      writeFileSync(join(pipelinesDir, 'bad-name.yaml'), readFileSync(join(FIXTURES, 'api-service.yaml'), 'utf8').replace('name: api-service', 'name: "bad name!"'));
      emulator = await startTestEmulator({ pipelinesDir }, { log });
      expect(messages(LEVEL.warn)).toEqual([
        expect.stringMatching(/^pipeline file bad-name\.yaml is invalid: ValidationException: 1 validation error detected: Value at 'pipeline\.name' failed to satisfy constraint/),
      ]);
    });
  });

  describe('when a file holds a CreatePipeline input with tags', () => {
    it('creates the pipeline with its tags', async () => {
      const declaration = parseYaml(readFileSync(join(FIXTURES, 'api-service.yaml'), 'utf8'));
      const input = { pipeline: { ...declaration, name: 'tagged' }, tags: [{ key: 'team', value: 'web' }] };
      writeFileSync(join(pipelinesDir, 'tagged.json'), JSON.stringify(input));
      emulator = await startTestEmulator({ pipelinesDir }, { log });
      const client = emulator.codepipeline();
      const { metadata } = await getPipeline(client, 'tagged');
      const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: metadata!.pipelineArn }));
      expect(tags).toEqual([{ key: 'team', value: 'web' }]);
    });
  });
});

describe('codepipeline-local export', () => {
  const dirs: string[] = [];
  const emulators: TestEmulator[] = [];

  afterEach(async () => {
    await Promise.all(emulators.splice(0).map((e) => e.close()));
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  async function emulatorWithFiles(files: Record<string, string>): Promise<TestEmulator> {
    const dir = mkdtempSync(join(tmpdir(), 'cpl-pipelines-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const emulator = await startTestEmulator({ pipelinesDir: dir });
    emulators.push(emulator);
    return emulator;
  }

  describe('when the pipeline exists', () => {
    it('prints it as get-pipeline does, and the output recreates the same pipeline in another emulator', async () => {
      const first = await emulatorWithFiles({ 'web-app.json': readFileSync(join(FIXTURES, 'web-app.json'), 'utf8') });
      const { code, stdout, stderr } = await runCli(['export', 'web-app', '--host', '127.0.0.1', '--port', portOf(first.url)]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/^\{\n {4}"pipeline": \{\n {8}"name": "web-app",\n/);
      const exported = JSON.parse(stdout);
      expect(Object.keys(exported.metadata)).toEqual(['pipelineArn', 'created', 'updated']);
      expect(exported.metadata.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
      const second = await emulatorWithFiles({ 'exported.json': stdout });
      const [original, copy] = await Promise.all([getPipeline(first.codepipeline(), 'web-app'), getPipeline(second.codepipeline(), 'web-app')]);
      expect(copy.pipeline).toEqual(original.pipeline);
    });

    it('prints YAML with --yaml, which also recreates the same pipeline', async () => {
      const first = await emulatorWithFiles({ 'api-service.yaml': readFileSync(join(FIXTURES, 'api-service.yaml'), 'utf8') });
      const { code, stdout } = await runCli(['export', 'api-service', '--yaml', '--port', portOf(first.url)]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^pipeline:\n {2}name: api-service\n/);
      const second = await emulatorWithFiles({ 'exported.yaml': stdout });
      const [original, copy] = await Promise.all([getPipeline(first.codepipeline(), 'api-service'), getPipeline(second.codepipeline(), 'api-service')]);
      expect(copy.pipeline).toEqual(original.pipeline);
    });
  });

  describe('when the pipeline does not exist', () => {
    it('prints the error type and message and exits with 1', async () => {
      const first = await emulatorWithFiles({});
      const { code, stdout, stderr } = await runCli(['export', 'nope', '--port', portOf(first.url)]);
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(stderr).toBe("PipelineNotFoundException: Account '000000000000' does not have a pipeline with name 'nope'\n");
    });
  });

  describe('when no server is listening', () => {
    it('names the URL, says how to start the server and exits with 1', async () => {
      const probe = createServer();
      await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
      const port = String((probe.address() as { port: number }).port);
      await new Promise((done) => probe.close(done));
      const { code, stderr } = await runCli(['export', 'web-app', '--port', port]);
      expect(code).toBe(1);
      expect(stderr).toContain(`codepipeline-local is not reachable at http://127.0.0.1:${port}`);
      expect(stderr).toContain(`codepipeline-local serve --port ${port}`);
    });
  });

  describe('when no name is given', () => {
    it('prints the usage and exits with 2', async () => {
      const { code, stderr } = await runCli(['export']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^Usage: codepipeline-local export NAME/);
    });
  });
});
