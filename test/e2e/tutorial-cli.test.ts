import { fetchFromInstance } from '../helpers/instance-fetch.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeCommitClient, GetBranchCommand, ListRepositoriesCommand } from '@aws-sdk/client-codecommit';
import { CodeDeployClient, GetDeploymentCommand, ListOnPremisesInstancesCommand } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient, GetPipelineStateCommand, ListActionExecutionsCommand, ListPipelineExecutionsCommand, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TutorialSession } from './tutorial-session.js';
import { README_ENDPOINT, tutorialBlocks } from './tutorial-shell.js';

// The README's tutorial, pasted block by block into one bash shell, exactly as written: the real AWS CLI (its code in one long-lived process, see aws-cli-shim.py), real git,
// `npx codepipeline-local`, curl, against a real `codepipeline-local serve` child with real Docker and Nginx.
// Only the endpoint is changed (the server listens on a free port, not 4599). Between blocks the test checks
// what the reader should see: the served page, and the API's answers through the SDKs.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BLOCKS = tutorialBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const FIRST_MESSAGE = readFileSync(join(ROOT, 'fixtures/sample-app/src/message.txt'), 'utf8').trim();
// A first run builds the build and instance images (minutes); later runs take seconds per block.
const BLOCK_TIMEOUT_MS = 12 * 60_000;
const STEP_TIMEOUT_MS = 15 * 60_000;
const PIPELINE = 'sample-app';
const APPROVAL_PIPELINE = 'sample-app-with-approval';

/** The sample app's version.json and index page as the instance serves them. */
async function servedPage(url: string): Promise<{ version: { commit: string; build: string; message: string }; html: string }> {
  const version = await (await fetchFromInstance(`${url}version.json`, { signal: AbortSignal.timeout(10_000) })).json();
  const html = await (await fetchFromInstance(url, { signal: AbortSignal.timeout(10_000) })).text();
  return { version, html };
}

describe('the README tutorial', () => {
  let session: TutorialSession;
  let pipeline: CodePipelineClient;
  let commit: CodeCommitClient;
  let deploy: CodeDeployClient;
  let app = '';
  const heads: string[] = [];

  function runThrough(marker: string): Promise<string> {
    return session.runThrough(marker, BLOCK_TIMEOUT_MS);
  }

  function webInstance(): ReturnType<TutorialSession['instance']> {
    return session.instance('web-1');
  }

  function head(): string {
    return execFileSync('git', ['-C', app, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  }

  // A failed step shows the server's warnings and errors: its log is otherwise not shown.
  afterEach((context) => {
    if (context.task.result?.state !== 'fail' || !session) return;
    const serious = session.server.lines.filter((l) => /"level":(40|50|60)/.test(l)).slice(-40);
    console.log(`the server's warnings and errors (last 40):\n${serious.join('\n') || '(none)'}`);
  });

  beforeAll(async () => {
    session = await TutorialSession.start(BLOCKS, ROOT);
    pipeline = new CodePipelineClient(session.client);
    commit = new CodeCommitClient(session.client);
    deploy = new CodeDeployClient(session.client);
  });

  afterAll(async () => {
    await session?.close();
  });

  describe('when the README is read', () => {
    it('has the steps the journey needs, using fixtures that exist', () => {
      const text = BLOCKS.join('\n');
      const journey = [
        'codecommit create-repository',
        'git -C "$APP" push',
        'codebuild create-project',
        'deploy create-application',
        'deploy register-on-premises-instance',
        'deploy create-deployment-group',
        'codepipeline create-pipeline',
        'codepipeline get-pipeline-state',
        'codepipeline put-approval-result',
        'curl',
      ];
      for (const command of journey) expect(text).toContain(command);
      const files = [...text.matchAll(/file:\/\/(\S+)/g)].map((m) => m[1]);
      expect(files).toEqual(['fixtures/tutorial/build-project.json', 'fixtures/tutorial/deployment-group.json', 'fixtures/tutorial/pipeline.json', 'fixtures/tutorial/pipeline-with-approval.json']);
      for (const file of files) expect(existsSync(join(ROOT, file)), file).toBe(true);
      expect(text).toContain(`E="--endpoint-url ${README_ENDPOINT}"`);
    });
  });

  // The steps share one emulator and one shell, and run in order, as a reader would paste them.
  describe('when its blocks are pasted into bash against a running emulator', () => {
    it('creates the repository and pushes the sample app to main', { timeout: STEP_TIMEOUT_MS }, async () => {
      const printed = await runThrough('push -u origin main');
      expect(printed).toContain(`${session.server.url}/v1/repos/sample-app`);
      app = await session.shell.variable('APP');
      heads.push(head());
      const { branch } = await commit.send(new GetBranchCommand({ repositoryName: 'sample-app', branchName: 'main' }));
      expect(branch?.commitId).toBe(heads[0]);
    });

    it('builds and deploys the first commit, and the instance serves a page showing it', { timeout: STEP_TIMEOUT_MS }, async () => {
      const printed = await runThrough('curl');
      expect(printed).toMatch(/✔ sample-app\s+execution \S+\s+Succeeded/);
      const instance = await webInstance();
      expect(await session.shell.variable('URL')).toBe(instance.url);
      expect(printed).toContain(`{"commit":"${heads[0]}","build":"1","message":"${FIRST_MESSAGE}"}`);
      const page = await servedPage(instance.url!);
      expect(page.version).toEqual({ commit: heads[0], build: '1', message: FIRST_MESSAGE });
      expect(page.html).toContain(`<h1>${FIRST_MESSAGE}</h1>`);
      expect(page.html).toContain(`<code id="commit">${heads[0]}</code>`);
    });

    it('starts a second execution on push by itself, which deploys the new message and commit', { timeout: STEP_TIMEOUT_MS }, async () => {
      const pushed = await runThrough('git -C "$APP" push');
      heads.push(head());
      expect(heads[1]).not.toBe(heads[0]);
      expect(pushed).toMatch(/CloudWatchEvent\s+Change the message/);
      const printed = await runThrough('curl');
      const message = readFileSync(join(app, 'src/message.txt'), 'utf8').trim();
      expect(message).not.toBe(FIRST_MESSAGE);
      expect(printed).toContain(`{"commit":"${heads[1]}","build":"2","message":"${message}"}`);
      const page = await servedPage((await webInstance()).url!);
      expect(page.version).toEqual({ commit: heads[1], build: '2', message });
      expect(page.html).toContain(`<h1>${message}</h1>`);
    });

    it('leaves the executions, the state and the action executions AWS would show', async () => {
      const { pipelineExecutionSummaries: runs = [] } = await pipeline.send(new ListPipelineExecutionsCommand({ pipelineName: PIPELINE }));
      expect(runs.map((r) => [r.status, r.trigger?.triggerType, r.sourceRevisions?.[0]?.revisionId, r.sourceRevisions?.[0]?.revisionSummary])).toEqual([
        ['Succeeded', 'CloudWatchEvent', heads[1], 'Change the message'],
        ['Succeeded', 'CreatePipeline', heads[0], 'The sample app'],
      ]);
      const second = runs[0].pipelineExecutionId;
      const state = await pipeline.send(new GetPipelineStateCommand({ name: PIPELINE }));
      expect(state.stageStates?.map((s) => [s.stageName, s.latestExecution?.status, s.latestExecution?.pipelineExecutionId])).toEqual([
        ['Source', 'Succeeded', second],
        ['Build', 'Succeeded', second],
        ['Deploy', 'Succeeded', second],
      ]);
      expect(state.stageStates?.[0].actionStates?.[0].currentRevision?.revisionId).toBe(heads[1]);
      const { actionExecutionDetails: actions = [] } = await pipeline.send(new ListActionExecutionsCommand({ pipelineName: PIPELINE, filter: { pipelineExecutionId: second } }));
      const byName = Object.fromEntries(actions.map((a) => [a.actionName, a]));
      expect(actions.map((a) => a.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
      expect(byName.Source.output?.executionResult?.externalExecutionId).toBe(heads[1]);
      expect(byName.Build.output?.executionResult?.externalExecutionId).toMatch(/^sample-app-build:[0-9a-f-]{36}$/);
      expect(byName.Build.output?.outputVariables).toEqual({ BUILD_STAMP: `${heads[1]}-2` });
      const deploymentId = byName.Deploy.output?.executionResult?.externalExecutionId;
      expect(deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
      const { deploymentInfo } = await deploy.send(new GetDeploymentCommand({ deploymentId }));
      expect(deploymentInfo).toMatchObject({ applicationName: 'sample-app', deploymentGroupName: 'nginx', status: 'Succeeded' });
    });

    it('with the approval variant, waits at Approve, still serving the last deployment', { timeout: STEP_TIMEOUT_MS }, async () => {
      const printed = await runThrough('until TOKEN=');
      expect(printed).toMatch(/Approve\s+InProgress/);
      const state = await pipeline.send(new GetPipelineStateCommand({ name: APPROVAL_PIPELINE }));
      const [source, build, approve, deployStage] = state.stageStates ?? [];
      expect([source.latestExecution?.status, build.latestExecution?.status, approve.latestExecution?.status, deployStage.latestExecution]).toEqual(['Succeeded', 'Succeeded', 'InProgress', undefined]);
      expect(approve.actionStates?.[0].latestExecution?.token).toBe(await session.shell.variable('TOKEN'));
      expect((await servedPage((await webInstance()).url!)).version.build).toBe('2');
    });

    it('with the approval variant, deploys once approved from the CLI', { timeout: STEP_TIMEOUT_MS }, async () => {
      const printed = await runThrough('put-approval-result');
      expect(printed).toContain('"approvedAt"');
      expect(printed).toMatch(/✔ sample-app-with-approval\s+execution \S+\s+Succeeded/);
      const page = await servedPage((await webInstance()).url!);
      expect(page.version).toMatchObject({ commit: heads[1], build: '3' });
      const state = await pipeline.send(new GetPipelineStateCommand({ name: APPROVAL_PIPELINE }));
      expect(state.stageStates?.map((s) => [s.stageName, s.latestExecution?.status])).toEqual([
        ['Source', 'Succeeded'],
        ['Build', 'Succeeded'],
        ['Approve', 'Succeeded'],
        ['Deploy', 'Succeeded'],
      ]);
      expect(state.stageStates?.[2].actionStates?.[0].latestExecution).toMatchObject({ status: 'Succeeded', summary: 'ok' });
      const { pipelineExecutionSummaries: runs = [] } = await pipeline.send(new ListPipelineExecutionsCommand({ pipelineName: APPROVAL_PIPELINE }));
      expect(runs.map((r) => [r.status, r.trigger?.triggerType, r.sourceRevisions?.[0]?.revisionId])).toEqual([['Succeeded', 'CreatePipeline', heads[1]]]);
    });

    it('cleans up everything it made, the instance container included', { timeout: STEP_TIMEOUT_MS }, async () => {
      await runThrough('rm -rf "$APP"');
      expect(session.position).toBe(BLOCKS.length);
      expect(existsSync(app)).toBe(false);
      const { pipelines = [] } = await pipeline.send(new ListPipelinesCommand({}));
      expect(pipelines).toEqual([]);
      const { repositories = [] } = await commit.send(new ListRepositoriesCommand({}));
      expect(repositories).toEqual([]);
      const { instanceNames = [] } = await deploy.send(new ListOnPremisesInstancesCommand({ registrationStatus: 'Registered' }));
      expect(instanceNames).toEqual([]);
      const [containerName] = session.containerNames;
      expect(containerName).toBeDefined();
      const inspect = spawnSync('docker', ['container', 'inspect', containerName], { encoding: 'utf8' });
      expect(inspect.status, `container ${containerName} should be gone`).not.toBe(0);
    });

    // What the clean-up must leave possible: every create of blocks 1-6 again under the same names (repository,
    // project, application, instance, deployment group, pipeline), a first execution deployed to the new instance,
    // and the clean-up itself once more. The later blocks' push and approval variant repeat nothing that depends on
    // the clean-up (a second run of them took a third of this test), so they are skipped here.
    it('runs again as written after its clean-up, from the first block through the first page, then cleans up again', { timeout: STEP_TIMEOUT_MS }, async () => {
      session.position = 0;
      const printed = await runThrough('curl');
      app = await session.shell.variable('APP');
      // A new project numbers its builds from 1 again, as on AWS.
      expect([...printed.matchAll(/^\{"commit":"[0-9a-f]{40}","build":"(\d+)"/gm)].map((m) => m[1])).toEqual(['1']);
      expect((await servedPage((await webInstance()).url!)).version).toMatchObject({ commit: head(), build: '1' });
      session.position = BLOCKS.findIndex((block) => block.includes('rm -rf "$APP"'));
      await runThrough('rm -rf "$APP"');
      expect(session.position).toBe(BLOCKS.length);
      const { pipelines = [] } = await pipeline.send(new ListPipelinesCommand({}));
      expect(pipelines).toEqual([]);
      const { instanceNames = [] } = await deploy.send(new ListOnPremisesInstancesCommand({ registrationStatus: 'Registered' }));
      expect(instanceNames).toEqual([]);
    });
  });
});
