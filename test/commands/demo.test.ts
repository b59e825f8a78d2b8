import { CodePipelineClient, GetPipelineCommand, ListPipelineExecutionsCommand, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommand, demoWorkingCopyDir } from '../../src/commands/demo.js';
import { containsDeclaration } from '../../src/commands/demo-resources.js';
import { serveArgs } from '../../src/commands/demo-server.js';
import { formatDuration } from '../../src/commands/demo-steps.js';
import { isServerProcess, serverLogFile, serverPidFile, stopCommand } from '../../src/commands/stop-server.js';
import { freeLoopbackPort, INSTALLATION_LABEL } from '../../src/codedeploy/instance-containers.js';
import { readConfig, type Config } from '../../src/config.js';
import { runGit } from '../../src/git/index.js';
import { createDockerClient } from '../../src/runner/index.js';
import { openDatabase, InstanceStore } from '../../src/store/index.js';

const FIRST_RUN_TIMEOUT_MS = 20 * 60_000; // the first run may build the build image (minutes) and the instance image
const RUN_TIMEOUT_MS = 5 * 60_000;

function capture() {
  const text: string[] = [];
  const output = { write: (t: string) => void text.push(t), err: (t: string) => void text.push(t), tty: false };
  return { output, text: () => text.join('') };
}

async function executions(client: CodePipelineClient): Promise<PipelineExecutionSummary[]> {
  return (await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'sample-app' }))).pipelineExecutionSummaries ?? [];
}

async function servedPage(config: Config): Promise<{ html: string; version: { commit: string; message: string } }> {
  const { instances } = (await (await fetch(`http://127.0.0.1:${config.port}/codedeploy/instances`)).json()) as { instances: { instanceName: string; url: string }[] };
  const url = instances.find((i) => i.instanceName === 'web-1')!.url;
  const [html, version] = await Promise.all([fetch(url).then((r) => r.text()), fetch(`${url}version.json`).then((r) => r.json())]);
  return { html, version };
}

async function workingCopyHead(config: Config): Promise<string> {
  return (await runGit(['rev-parse', 'HEAD'], { cwd: demoWorkingCopyDir(config.dataDir) })).stdout.toString().trim();
}

describe('demoCommand', () => {
  describe('formatDuration', () => {
    it('shows seconds with a tenth below a minute and minutes with seconds above', () => {
      expect(formatDuration(432)).toBe('0.4 s');
      expect(formatDuration(125_000)).toBe('2 min 5 s');
    });
  });

  describe('containsDeclaration', () => {
    it('accepts the members the server added and refuses a changed or missing one', () => {
      const stored = { name: 'p', version: 3, stages: [{ name: 'Source', actions: [{ name: 'S', runOrder: 1 }] }] };
      expect(containsDeclaration(stored, { name: 'p', stages: [{ name: 'Source', actions: [{ name: 'S' }] }] })).toBe(true);
      expect(containsDeclaration(stored, { name: 'p', stages: [{ name: 'Build', actions: [{ name: 'S' }] }] })).toBe(false);
      expect(containsDeclaration(stored, { name: 'p', stages: [] })).toBe(false);
    });
  });

  describe('serveArgs', () => {
    it('gives the background server the demo’s port, data directory and registered repositories', () => {
      const config = readConfig({ port: '4700', dataDir: '/tmp/cpl-demo-x', repositories: 'app=/tmp/app' }, {}, false);
      const args = serveArgs(config);
      expect(args.slice(0, 7)).toEqual(['serve', '--host', '127.0.0.1', '--port', '4700', '--data-dir', '/tmp/cpl-demo-x']);
      expect(args.join(' ')).toContain('--repo app=/tmp/app');
    });
  });

  describe('when nothing runs on the port', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cpl-demo-'));
    const docker = createDockerClient(process.env.DOCKER_HOST);
    let config: Config;
    let client: CodePipelineClient;
    let firstPid: number;

    beforeAll(async () => {
      config = readConfig({ port: String(await freeLoopbackPort()), dataDir }, {}, false);
      client = new CodePipelineClient({ endpoint: `http://127.0.0.1:${config.port}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    });

    afterAll(async () => {
      client?.destroy();
      const pid = existsSync(serverPidFile(dataDir)) ? Number(readFileSync(serverPidFile(dataDir), 'utf8')) : undefined;
      if (pid && isServerProcess(pid)) process.kill(pid, 'SIGKILL');
      // Only this data directory's instance containers: other tests run theirs on the same engine.
      const db = openDatabase(dataDir);
      const installation = new InstanceStore(db).installationId(() => 'none');
      db.close();
      const ours = await docker.listContainers({ all: true, filters: { label: [`${INSTALLATION_LABEL}=${installation}`] } });
      await Promise.all(ours.map((c) => docker.getContainer(c.Id).remove({ force: true })));
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(
      'starts the emulator, deploys the sample app, then deploys a pushed change, and leaves the server running',
      async () => {
        const io = capture();
        const started = Date.now();
        const code = await demoCommand(config, io.output);
        console.log(`demo, first run: ${formatDuration(Date.now() - started)}`);
        expect(code, io.text()).toBe(0);
        const all = await executions(client);
        expect(all.map((e) => e.status)).toEqual(['Succeeded', 'Succeeded']);
        expect(all.map((e) => e.trigger?.triggerType)).toEqual(['CloudWatchEvent', 'CreatePipeline']);
        const head = await workingCopyHead(config);
        expect(all[0].sourceRevisions?.[0]?.revisionId).toBe(head);
        const page = await servedPage(config);
        expect(page.html).toContain(`<code id="commit">${head}</code>`);
        expect(page.version.message).toMatch(/^Hello again from codepipeline-local! Changed by the demo at /);
        expect(io.text()).toMatch(/✔ The new page/);
        expect(io.text()).toContain(`http://127.0.0.1:${config.port}/console/`);
        firstPid = Number(readFileSync(serverPidFile(dataDir), 'utf8'));
        expect(isServerProcess(firstPid)).toBe(true);
        expect(readFileSync(serverLogFile(dataDir), 'utf8')).toContain('listening on');
      },
      FIRST_RUN_TIMEOUT_MS,
    );

    it(
      'reuses the server and everything it made when run again, and deploys one more commit',
      async () => {
        const io = capture();
        const started = Date.now();
        const code = await demoCommand(config, io.output);
        console.log(`demo, second run: ${formatDuration(Date.now() - started)}`);
        expect(code, io.text()).toBe(0);
        const text = io.text();
        expect(text).toContain(`already answers at http://127.0.0.1:${config.port} (pid ${firstPid}): reusing it`);
        for (const reused of ['reused CodeCommit repository sample-app', 'reused the working copy', 'reused CodeBuild project sample-app-build', 'reused CodeDeploy application sample-app', 'reused instance web-1', 'reused deployment group sample-app/nginx', 'reused pipeline sample-app (version 1)']) {
          expect(text).toContain(reused);
        }
        expect(text).toMatch(/already deployed commit [0-9a-f]{8}: nothing to run/);
        const all = await executions(client);
        expect(all.map((e) => e.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
        expect(all[0].trigger?.triggerType).toBe('CloudWatchEvent');
        expect((await client.send(new GetPipelineCommand({ name: 'sample-app' }))).pipeline?.version).toBe(1);
        const head = await workingCopyHead(config);
        const log = await runGit(['rev-list', '--count', 'HEAD'], { cwd: demoWorkingCopyDir(dataDir) });
        expect(log.stdout.toString().trim()).toBe('3');
        const page = await servedPage(config);
        expect(page.version.commit).toBe(head);
        expect(page.html).toContain(`<code id="commit">${head}</code>`);
      },
      RUN_TIMEOUT_MS,
    );

    it('stops the server with `stop`, and says so when nothing runs', async () => {
      const io = capture();
      const out = { out: io.output.write, err: io.output.err };
      expect(await stopCommand(config, out)).toBe(0);
      expect(io.text()).toContain(`Stopped codepipeline-local (pid ${firstPid})`);
      expect(isServerProcess(firstPid)).toBe(false);
      expect(existsSync(serverPidFile(dataDir))).toBe(false);
      await expect(fetch(`http://127.0.0.1:${config.port}/`)).rejects.toThrow();
      const again = capture();
      expect(await stopCommand(config, { out: again.output.write, err: again.output.err })).toBe(0);
      expect(again.text()).toContain('No background codepipeline-local runs for');
    });
  });
});
