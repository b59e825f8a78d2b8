import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListPipelineExecutionsCommand, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { strToU8, zipSync } from 'fflate';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../src/model/index.js';
import { aws as awsAt } from '../api/protocol/tiny/aws-cli.js';
import { useS3Emulator } from '../api/s3/s3-emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';

// Never created by the test: the artifact store makes it on first use.
const ARTIFACT_BUCKET = 'codepipeline-us-east-1-000000000000';

const site = (text: string) => Buffer.from(zipSync({ 'index.html': strToU8(`<h1>${text}</h1>`), 'css/site.css': strToU8('body {}') }));

/** An S3 source on a versioned bucket, then an S3 deploy of its artifact (extracted, with a Cache-Control). */
function s3Pipeline(name: string, key: string, poll: boolean): PipelineDeclaration {
  const bundle = [{ name: 'SiteBundle' }];
  return pipelineOf(
    name,
    [
      { name: 'Source', actions: [awsAction('Source', 'Source', 'S3', { S3Bucket: 'releases', S3ObjectKey: key, PollForSourceChanges: String(poll) }, { outputArtifacts: bundle })] },
      { name: 'Deploy', actions: [awsAction('Site', 'Deploy', 'S3', { BucketName: 'website', Extract: 'true', ObjectKey: name, CacheControl: 'max-age=300', CannedACL: 'public-read' }, { inputArtifacts: bundle })] },
    ],
    { artifactStore: { type: 'S3', location: ARTIFACT_BUCKET } },
  );
}

describe('pipelines over the S3 API', () => {
  const handle = useS3Emulator('pipeline');
  // A temp file a crash left half-written, before the emulator starts.
  const leftover = join(handle.s3Dir, '.s3-meta', 'tmp', 'half-written');
  mkdirSync(dirname(leftover), { recursive: true });
  writeFileSync(leftover, 'half an object');
  const work = mkdtempSync(join(tmpdir(), 'cpl-s3-pipeline-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const probes = executionProbes(() => handle.env.codepipeline());
  const aws = async (...args: string[]) => {
    const result = await awsAt(handle.env.url, args);
    expect(result.code, `aws ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  const versionOf = async (key: string) => (await handle.s3.send(new HeadObjectCommand({ Bucket: 'releases', Key: key }))).VersionId!;
  /** The execution whose source revision is this version id, once it has ended. */
  const runOf = (name: string, versionId: string) =>
    waitFor(
      async () => (await handle.env.codepipeline().send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries!.find((s) => s.sourceRevisions?.[0]?.revisionId === versionId),
      { timeoutMs: 20_000, description: `a run of ${name} for version ${versionId}` },
      (s?: PipelineExecutionSummary) => s !== undefined && s.status !== 'InProgress',
    ) as Promise<PipelineExecutionSummary>;

  beforeAll(async () => {
    const { s3 } = handle;
    await Promise.all(['releases', 'website'].map((Bucket) => s3.send(new CreateBucketCommand({ Bucket }))));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'releases', VersioningConfiguration: { Status: 'Enabled' } }));
  });

  it('removed the temp files a crash left under .s3-meta/tmp when it started', () => {
    expect(existsSync(leftover)).toBe(false);
  });

  describe('when aws s3 cp puts a new version of the source object (PollForSourceChanges false: the EventBridge path)', () => {
    it('starts a run with the version id as revision, keeps its artifacts as objects aws s3 ls and cp reach, and deploys objects', async () => {
      const name = uniqueName('s3-event');
      await handle.s3.send(new PutObjectCommand({ Bucket: 'releases', Key: 'app.zip', Body: site('v1') }));
      await probes.untilStatus(name, await probes.create(s3Pipeline(name, 'app.zip', false)), 'Succeeded', 20_000);

      const v2Zip = site('v2');
      writeFileSync(join(work, 'v2.zip'), v2Zip);
      await aws('s3', 'cp', join(work, 'v2.zip'), 's3://releases/app.zip');
      const v2 = await versionOf('app.zip');
      const run = await runOf(name, v2);
      expect(run).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'CloudWatchEvent' } });
      const state = await probes.action(name, 'Source', 'Source');
      expect(state.currentRevision?.revisionId).toBe(v2);

      const { Source: source } = await probes.actionsByName(name, run.pipelineExecutionId!);
      const { bucket, key } = source.output!.outputArtifacts![0].s3location! as { bucket: string; key: string };
      expect(bucket).toBe(ARTIFACT_BUCKET);
      expect(key).toMatch(new RegExp(`^${name.slice(0, 20)}/SiteBundle/[A-Za-z0-9]{7}$`));
      const [listed] = await Promise.all([aws('s3', 'ls', '--recursive', `s3://${bucket}/`), aws('s3', 'cp', `s3://${bucket}/${key}`, join(work, 'fetched.zip'))]);
      expect(listed.stdout).toContain(key);
      expect(readFileSync(join(work, 'fetched.zip'))).toEqual(v2Zip);

      const deployed = await handle.s3.send(new ListObjectsV2Command({ Bucket: 'website', Prefix: `${name}/` }));
      expect(deployed.Contents?.map((o) => o.Key).sort()).toEqual([`${name}/css/site.css`, `${name}/index.html`]);
      const page = await handle.s3.send(new HeadObjectCommand({ Bucket: 'website', Key: `${name}/index.html` }));
      expect(page).toMatchObject({ CacheControl: 'max-age=300', ContentLength: Buffer.byteLength('<h1>v2</h1>') });
    });
  });

  describe('when the SDK puts a new version and the source polls (PollForSourceChanges true)', () => {
    it('starts a run with the version id as revision and the codepipeline-artifact-revision-summary metadata as summary', async () => {
      const name = uniqueName('s3-poll');
      await handle.s3.send(new PutObjectCommand({ Bucket: 'releases', Key: 'polled.zip', Body: site('p1') }));
      await probes.untilStatus(name, await probes.create(s3Pipeline(name, 'polled.zip', true)), 'Succeeded', 20_000);
      const Metadata = { 'codepipeline-artifact-revision-summary': 'Release p2' };
      await handle.s3.send(new PutObjectCommand({ Bucket: 'releases', Key: 'polled.zip', Body: site('p2'), Metadata }));
      const run = await runOf(name, await versionOf('polled.zip'));
      expect(run).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'PollForSourceChanges' }, sourceRevisions: [{ revisionSummary: 'Release p2' }] });
    });
  });
});
