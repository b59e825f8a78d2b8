import { fetchFromInstance } from '../helpers/instance-fetch.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeDeployClient, GetDeploymentCommand, ListOnPremisesInstancesCommand } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient, ListActionExecutionsCommand, ListPipelineExecutionsCommand, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import { ListBucketsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { README_ENDPOINT, S3_TUTORIAL_SECTION, tutorialBlocks } from './tutorial-shell.js';
import { TutorialSession } from './tutorial-session.js';

// The README's S3 tutorial (AWS's "Create a simple pipeline (S3 bucket)"), pasted block by block into one bash
// shell exactly as written: the real AWS CLI (in one long-lived process, see aws-cli-shim.py), zip, `npx codepipeline-local`, curl, against a real
// `codepipeline-local serve` child with real Docker and Nginx. Only the endpoint differs. It runs once (the
// CodeCommit tutorial's test covers running again after a clean-up).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BLOCKS = tutorialBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'), S3_TUTORIAL_SECTION);
// A first run builds the instance image (a minute or so); later runs take seconds per block.
const BLOCK_TIMEOUT_MS = 12 * 60_000;
const STEP_TIMEOUT_MS = 15 * 60_000;
const PIPELINE = 'MyFirstPipeline';
const BUCKET = 'awscodepipeline-demobucket-example';
const INSTANCE = 'demo-1';

describe('the README S3 tutorial', () => {
  let session: TutorialSession;
  let pipeline: CodePipelineClient;
  let deploy: CodeDeployClient;
  let s3: S3Client;
  let app = '';
  let versions: string[] = [];

  /** The page the instance serves, fetched by the test itself. */
  async function servedPage(): Promise<string> {
    const { url } = await session.instance(INSTANCE);
    return (await fetchFromInstance(url!, { signal: AbortSignal.timeout(10_000) })).text();
  }

  beforeAll(async () => {
    session = await TutorialSession.start(BLOCKS, ROOT);
    pipeline = new CodePipelineClient(session.client);
    deploy = new CodeDeployClient(session.client);
    s3 = new S3Client({ ...session.client, forcePathStyle: true });
  });

  afterAll(async () => {
    await session?.close();
  });

  it("has the steps of AWS's tutorial, with the endpoint the tests replace", () => {
    const text = BLOCKS.join('\n');
    const journey = ['s3 mb', 's3api put-bucket-versioning', 's3 cp', 'deploy create-application', 'deploy register-on-premises-instance',
      'deploy create-deployment-group', 'codepipeline create-pipeline', '"provider": "S3"', '"PollForSourceChanges": "false"',
      'codepipeline list-pipeline-executions', 'curl', 's3 rb'];
    for (const command of journey) expect(text).toContain(command);
    expect(text).toContain(`E="--endpoint-url ${README_ENDPOINT}"`);
  });

  it('deploys the first version of the zip from the versioned bucket, and the instance serves it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const printed = await session.runThrough('curl -s "$URL"', BLOCK_TIMEOUT_MS);
    app = await session.shell.variable('APP');
    expect(printed).toContain(`make_bucket: ${BUCKET}`);
    expect(printed).toMatch(/✔ MyFirstPipeline\s+execution \S+\s+Succeeded/);
    expect(printed).toContain('<h1>Version 1</h1>');
    expect(await session.shell.variable('URL')).toBe((await session.instance(INSTANCE)).url);
    expect(await servedPage()).toContain('<h1>Version 1</h1>');
    const { Versions = [] } = await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET }));
    versions = Versions.map((v) => v.VersionId!);
    expect(versions).toHaveLength(1);
  });

  it("deploys a second object version on its own, with the version id as the execution's revision", { timeout: STEP_TIMEOUT_MS }, async () => {
    const printed = await session.runThrough('curl -s "$URL"', BLOCK_TIMEOUT_MS);
    const { Versions = [] } = await s3.send(new ListObjectVersionsCommand({ Bucket: BUCKET }));
    const latest = Versions.find((v) => v.IsLatest)!.VersionId!;
    expect(Versions.map((v) => v.VersionId)).toEqual([latest, versions[0]]);
    versions.unshift(latest);
    // What the reader sees: both versions listed, then each execution with its trigger and version id, then the page.
    expect(printed).toMatch(new RegExp(`${escape(latest)}\\s+True\\s+${escape(versions[1])}\\s+False`));
    expect(printed).toMatch(new RegExp(`Succeeded\\s+CloudWatchEvent\\s+${escape(latest)}\\s+Succeeded\\s+CreatePipeline\\s+${escape(versions[1])}`));
    expect(printed.trimEnd().endsWith('<h1>Version 2</h1>')).toBe(true);
    expect(await servedPage()).toContain('<h1>Version 2</h1>');
    const { pipelineExecutionSummaries: runs = [] } = await pipeline.send(new ListPipelineExecutionsCommand({ pipelineName: PIPELINE }));
    expect(runs.map((r) => [r.status, r.trigger?.triggerType, r.sourceRevisions?.[0]?.revisionId])).toEqual([
      ['Succeeded', 'CloudWatchEvent', latest],
      ['Succeeded', 'CreatePipeline', versions[1]],
    ]);
    const { actionExecutionDetails: actions = [] } = await pipeline.send(new ListActionExecutionsCommand({ pipelineName: PIPELINE, filter: { pipelineExecutionId: runs[0].pipelineExecutionId } }));
    const deployAction = actions.find((a) => a.actionName === 'Deploy');
    const { deploymentInfo } = await deploy.send(new GetDeploymentCommand({ deploymentId: deployAction?.output?.executionResult?.externalExecutionId }));
    expect(deploymentInfo).toMatchObject({ applicationName: 'MyDemoApplication', deploymentGroupName: 'MyDemoDeploymentGroup', status: 'Succeeded' });
  });

  it('cleans up the pipeline, the instance and its container, the application and the bucket', { timeout: STEP_TIMEOUT_MS }, async () => {
    const [container] = session.containerNames;
    await session.runThrough('rm -rf "$APP"', BLOCK_TIMEOUT_MS);
    expect(session.position).toBe(BLOCKS.length);
    expect(existsSync(app)).toBe(false);
    expect((await pipeline.send(new ListPipelinesCommand({}))).pipelines).toEqual([]);
    expect((await deploy.send(new ListOnPremisesInstancesCommand({ registrationStatus: 'Registered' }))).instanceNames).toEqual([]);
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets.map((b) => b.Name)).not.toContain(BUCKET);
    expect(container).toBeDefined();
    expect(spawnSync('docker', ['container', 'inspect', container], { stdio: 'ignore' }).status, `container ${container} should be gone`).not.toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
