import { fetchFromInstance } from '../helpers/instance-fetch.js';
import { BatchGetBuildsCommand } from '@aws-sdk/client-codebuild';
import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { GetPipelineStateCommand, ListActionExecutionsCommand, ListPipelineExecutionsCommand, type ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceImage } from '../../src/codedeploy/instance-image.js';
import { createDockerClient } from '../../src/runner/index.js';
import { createLogger, silentLogger } from '../../src/shared/index.js';
import { BUILD_IMAGE_TIMEOUT_MS, ensureBuildImage } from '../codebuild/build-image.js';
import { IMAGE_BUILD_TIMEOUT_MS } from '../codedeploy/instance-fixture.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import {
  commitMessageChange,
  deregisterInstance,
  executionIds,
  followExecution,
  instanceUrl,
  JOURNEY,
  journeyClients,
  progressPrinter,
  pushMain,
  servedVersion,
  setUpJourney,
  untilNewExecution,
  untilServed,
  type JourneyClients,
} from './journey-helpers.js';

// Generous: other Docker-heavy test files share the engine and the machine's two cores.
const EXECUTION_TIMEOUT_MS = 10 * 60_000;
const NEW_MESSAGE = 'Hello again, from a pushed commit!';
const CHANGE_COMMIT_MESSAGE = 'Change the greeting';
const ARTIFACT_BUCKET = 'codepipeline-local-artifacts';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** What the journey has done so far, filled in as its steps run in order. */
interface Journey {
  env: TestEmulator;
  clients: JourneyClients;
  workDir: string;
  commits: string[];
  executions: string[];
  url: string;
  deregistered: boolean;
}

describe('the tutorial journey (CodeCommit -> CodeBuild -> CodeDeploy on Nginx)', () => {
  const say = progressPrinter('journey');
  const journey = { commits: [], executions: [] } as unknown as Journey;

  beforeAll(async () => {
    say('making the build and instance images ready (built on first use)');
    await ensureBuildImage();
    await new InstanceImage({ docker: createDockerClient(process.env.DOCKER_HOST), log: silentLogger() }).ensure((line) => say(line.trim()));
    journey.env = await startTestEmulator({}, process.env.E2E_LOG ? { log: createLogger({ level: process.env.E2E_LOG }) } : {});
    journey.clients = journeyClients(journey.env.url);
    journey.workDir = mkdtempSync(join(tmpdir(), 'cpl-journey-'));
    say(`emulator listening at ${journey.env.url}`);
  }, BUILD_IMAGE_TIMEOUT_MS + IMAGE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    // Deregistering removes the instance's container, which would otherwise outlive the emulator like a machine.
    if (journey.clients && !journey.deregistered) await deregisterInstance(journey.clients, say);
    journey.clients?.destroy();
    await journey.env?.close();
    if (journey.workDir) rmSync(journey.workDir, { recursive: true, force: true });
  });

  const execution = (index: number) => {
    if (!journey.executions[index]) throw new Error(`execution ${index + 1} of the journey never started: see the earlier failure`);
    return journey.executions[index];
  };

  describe('when the resources are created and the sample app is pushed', () => {
    it('runs the execution CreatePipeline started to Succeeded', async () => {
      const { firstCommitId } = await setUpJourney(journey.clients, journey.workDir, say);
      journey.commits.push(firstCommitId);
      const [first] = await executionIds(journey.clients.codepipeline, JOURNEY.pipelineName);
      journey.executions.push(first);
      const ended = await followExecution(journey.clients.codepipeline, JOURNEY.pipelineName, first, EXECUTION_TIMEOUT_MS, say);
      expect(ended).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'CreatePipeline' } });
    }, EXECUTION_TIMEOUT_MS + 120_000);

    it("serves the page stamped with the commit and the build's number", async () => {
      execution(0);
      journey.url = await instanceUrl(journey.env.url, JOURNEY.instanceName);
      say(`instance ${JOURNEY.instanceName} serves at ${journey.url}`);
      expect(await servedVersion(journey.url)).toEqual({ commit: journey.commits[0], build: '1', message: 'Hello from codepipeline-local!' });
      const page = await (await fetchFromInstance(journey.url)).text();
      expect(page).toContain('<h1>Hello from codepipeline-local!</h1>');
      expect(page).toContain(`<code id="commit">${journey.commits[0]}</code>`);
      expect(page).toContain('<code id="build">1</code>');
    });
  });

  describe('when a change is committed and pushed', () => {
    it('starts a second execution by itself (CloudWatchEvent) that deploys the new page', async () => {
      execution(0);
      const commitId = await commitMessageChange(journey.workDir, NEW_MESSAGE, CHANGE_COMMIT_MESSAGE);
      journey.commits.push(commitId);
      await pushMain(journey.workDir, `${journey.env.url}/v1/repos/${JOURNEY.repositoryName}`);
      say(`pushed commit ${commitId}`);
      const second = await untilNewExecution(journey.clients.codepipeline, JOURNEY.pipelineName, journey.executions, 60_000);
      journey.executions.push(second);
      const ended = await followExecution(journey.clients.codepipeline, JOURNEY.pipelineName, second, EXECUTION_TIMEOUT_MS, say);
      expect(ended).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'CloudWatchEvent' } });
      expect(ended.artifactRevisions).toEqual([expect.objectContaining({ name: 'SourceArtifact', revisionId: commitId, revisionSummary: CHANGE_COMMIT_MESSAGE })]);
    }, EXECUTION_TIMEOUT_MS + 60_000);

    it('serves the new message, commit and build number', async () => {
      execution(1);
      // The deployment's ValidateService hook already saw the page, so no wait is needed here.
      expect(await servedVersion(journey.url)).toEqual({ commit: journey.commits[1], build: '2', message: NEW_MESSAGE });
      expect(await untilServed(journey.url, journey.commits[1], 1000)).toMatchObject({ message: NEW_MESSAGE });
      const page = await (await fetchFromInstance(new URL('about.html', journey.url))).text();
      expect(page).toContain(`<h1>${NEW_MESSAGE}</h1>`);
      expect(page).toContain(`<code id="commit">${journey.commits[1]}</code>`);
    });
  });

  describe('when both executions have ended', () => {
    it('shows every stage Succeeded in GetPipelineState, with the latest revision and external execution ids', async () => {
      const second = execution(1);
      const state = await journey.clients.codepipeline.send(new GetPipelineStateCommand({ name: JOURNEY.pipelineName }));
      expect(state).toMatchObject({ pipelineName: JOURNEY.pipelineName, pipelineVersion: 1, created: expect.any(Date), updated: expect.any(Date) });
      expect(state.stageStates!.map((s) => [s.stageName, s.latestExecution])).toEqual(
        ['Source', 'Build', 'Deploy'].map((stage) => [stage, expect.objectContaining({ pipelineExecutionId: second, status: 'Succeeded' })]),
      );
      const [source, build, deploy] = state.stageStates!.map((s) => s.actionStates![0]);
      expect(source).toMatchObject({
        actionName: 'Source',
        currentRevision: { revisionId: journey.commits[1], revisionChangeId: journey.commits[1], created: expect.any(Date) },
        latestExecution: { status: 'Succeeded', summary: CHANGE_COMMIT_MESSAGE, externalExecutionId: journey.commits[1], lastStatusChange: expect.any(Date) },
      });
      expect(build).toMatchObject({ actionName: 'Build', latestExecution: { status: 'Succeeded', externalExecutionId: expect.stringMatching(new RegExp(`^sample-app-build:${UUID}$`)), externalExecutionUrl: expect.any(String) } });
      expect(deploy).toMatchObject({ actionName: 'Deploy', latestExecution: { status: 'Succeeded', summary: 'Deployment Succeeded', externalExecutionId: expect.stringMatching(/^d-[A-Z0-9]{9}$/) } });
      // AWS shows the deployed bundle's S3 location as the deploy action's current revision.
      expect(JSON.parse(deploy.currentRevision!.revisionId!)).toEqual({
        bucket: 'codepipeline-local-artifacts',
        key: expect.stringMatching(/^sample-app\/BuildArtif\/\w{7}$/),
        bundleType: 'zip',
        version: null,
        etag: deploy.currentRevision!.revisionChangeId,
      });
      expect(build.currentRevision).toBeUndefined();
      for (const action of [source, build, deploy]) expect(action.latestExecution!.token).toBeUndefined();
    });

    it('lists both executions in ListPipelineExecutions, newest first, with their triggers and source revisions', async () => {
      const out = await journey.clients.codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: JOURNEY.pipelineName }));
      const revision = (commit: string, summary: string) => [{ actionName: 'Source', revisionId: commit, revisionSummary: summary, revisionUrl: `${journey.env.url}/console/repositories/${JOURNEY.repositoryName}/commit/${commit}` }];
      expect(out.pipelineExecutionSummaries).toEqual([
        expect.objectContaining({ pipelineExecutionId: execution(1), status: 'Succeeded', trigger: expect.objectContaining({ triggerType: 'CloudWatchEvent' }), sourceRevisions: revision(journey.commits[1], CHANGE_COMMIT_MESSAGE), executionMode: 'QUEUED' }),
        expect.objectContaining({ pipelineExecutionId: execution(0), status: 'Succeeded', trigger: expect.objectContaining({ triggerType: 'CreatePipeline' }), sourceRevisions: revision(journey.commits[0], 'Add the sample app'), executionMode: 'QUEUED' }),
      ]);
      const [newer, older] = out.pipelineExecutionSummaries!;
      expect(newer.startTime!.getTime()).toBeGreaterThanOrEqual(older.lastUpdateTime!.getTime());
    });

    it('shows in ListActionExecutions the artifacts, the resolved configuration and the output variables of each action', async () => {
      const commit = journey.commits[1];
      const details = await actionDetails(journey, execution(1));
      expect(details.map((d) => [d.stageName, d.actionName, d.status, d.pipelineVersion])).toEqual([
        ['Source', 'Source', 'Succeeded', 1],
        ['Build', 'Build', 'Succeeded', 1],
        ['Deploy', 'Deploy', 'Succeeded', 1],
      ]);
      const [source, build, deploy] = details;
      const location = (prefix: string) => ({ bucket: ARTIFACT_BUCKET, key: expect.stringMatching(new RegExp(`^sample-app/${prefix}/[A-Za-z0-9]{7}$`)) });
      expect(source.input).toMatchObject({ actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' }, namespace: 'SourceVariables', region: 'us-east-1', inputArtifacts: [] });
      expect(source.output).toMatchObject({
        outputArtifacts: [{ name: 'SourceArtifact', s3location: location('SourceArti') }],
        executionResult: { externalExecutionId: commit, externalExecutionSummary: CHANGE_COMMIT_MESSAGE },
        outputVariables: { CommitId: commit, CommitMessage: CHANGE_COMMIT_MESSAGE, BranchName: 'main', RepositoryName: JOURNEY.repositoryName, AuthorDate: expect.stringMatching(/Z$/), CommitterDate: expect.stringMatching(/Z$/) },
      });
      expect(build.input!.inputArtifacts).toEqual(source.output!.outputArtifacts);
      expect(JSON.parse(build.input!.configuration!.EnvironmentVariables)).toEqual([{ name: 'COMMIT_ID', value: '#{SourceVariables.CommitId}', type: 'PLAINTEXT' }]);
      expect(JSON.parse(build.input!.resolvedConfiguration!.EnvironmentVariables)).toEqual([{ name: 'COMMIT_ID', value: commit, type: 'PLAINTEXT' }]);
      expect(build.output).toMatchObject({ outputArtifacts: [{ name: 'BuildArtifact', s3location: location('BuildArtif') }], outputVariables: { BUILD_STAMP: `${commit}-2` } });
      expect(deploy.input).toMatchObject({ inputArtifacts: build.output!.outputArtifacts, resolvedConfiguration: { ApplicationName: 'sample-app', DeploymentGroupName: 'nginx' } });
      expect(deploy.output).toMatchObject({ outputArtifacts: [], executionResult: { externalExecutionSummary: 'Deployment Succeeded' } });
      // The first execution kept its own artifacts and variables.
      const [firstSource, firstBuild] = await actionDetails(journey, execution(0));
      expect(firstBuild.output!.outputVariables).toEqual({ BUILD_STAMP: `${journey.commits[0]}-1` });
      expect(firstSource.output!.outputArtifacts![0].s3location!.key).not.toBe(source.output!.outputArtifacts![0].s3location!.key);
    });

    it('reports external execution ids that CodeBuild and CodeDeploy know, and keeps the built bundle as the artifact', async () => {
      const [, build, deploy] = await actionDetails(journey, execution(1));
      const buildId = build.output!.executionResult!.externalExecutionId!;
      const { builds } = await journey.clients.codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }));
      expect(builds).toEqual([expect.objectContaining({ id: buildId, buildNumber: 2, buildStatus: 'SUCCEEDED', projectName: JOURNEY.projectName, initiator: `codepipeline/${JOURNEY.pipelineName}` })]);
      const deploymentId = deploy.output!.executionResult!.externalExecutionId!;
      const { deploymentInfo } = await journey.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId }));
      expect(deploymentInfo).toMatchObject({ deploymentId, status: 'Succeeded', applicationName: 'sample-app', deploymentGroupName: 'nginx', deploymentOverview: { Succeeded: 1 } });
      // README: artifacts are S3 objects, zips under <s3-dir>/<bucket>/<key> (<data-dir>/s3 by default).
      const { bucket, key } = build.output!.outputArtifacts![0].s3location!;
      const files = unzipSync(readFileSync(join(journey.env.dataDir, 's3', bucket!, key!)));
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['appspec.yml', 'scripts/validate.sh', 'site/index.html', 'site/version.json']));
      expect(JSON.parse(strFromU8(files['site/version.json']))).toEqual({ commit: journey.commits[1], build: '2', message: NEW_MESSAGE });
    });
  });

  describe('when the instance is deregistered', () => {
    it('removes its container', async () => {
      execution(0);
      const listed = await listedInstance(journey.env.url);
      expect(listed?.containerName).toEqual(expect.any(String));
      await deregisterInstance(journey.clients, say);
      journey.deregistered = true;
      const docker = createDockerClient(process.env.DOCKER_HOST);
      await expect(docker.getContainer(listed!.containerName!).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect(await listedInstance(journey.env.url)).toBeUndefined();
    });
  });
});

/** The journey's instance as the emulator's instances page lists the registered ones. */
async function listedInstance(emulatorUrl: string): Promise<{ containerName?: string } | undefined> {
  const page = (await (await fetch(`${emulatorUrl}/codedeploy/instances`)).json()) as { instances: { instanceName: string; containerName?: string }[] };
  return page.instances.find((i) => i.instanceName === JOURNEY.instanceName);
}

/** The action executions of one pipeline execution, oldest first (ListActionExecutions answers newest first). */
async function actionDetails(journey: Journey, pipelineExecutionId: string): Promise<ActionExecutionDetail[]> {
  const out = await journey.clients.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: JOURNEY.pipelineName, filter: { pipelineExecutionId } }));
  return out.actionExecutionDetails!.slice().reverse();
}
