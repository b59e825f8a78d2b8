import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../helpers/emulator.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders, zipEntries } from '../helpers/test-provider.js';
import { artifactFile, executions, s3Source, sourceActionOf, sourcePipeline, untilExecutions } from './source-fixtures.js';

describe('S3 source change detection', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const objectFile = (bucket: string, key: string) => join(emulator.env.dataDir, 's3', bucket, key);
  const put = (bucket: string, key: string, files: Record<string, string>) => {
    const file = objectFile(bucket, key);
    mkdirSync(dirname(file), { recursive: true });
    const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, strToU8(c)])));
    writeFileSync(file, bytes);
    return Buffer.from(bytes);
  };

  describe('when the object in the S3 folder changes', () => {
    it('runs on the object, reports ETag and VersionId, and starts again on a new version', async () => {
      const name = uniqueName('s3');
      const first = put('source-bucket', `${name}/app.zip`, { 'index.html': 'v1\n' });
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, s3Source('source-bucket', `${name}/app.zip`, { PollForSourceChanges: 'false' })) }));
      const [created] = await untilExecutions(emulator.client, name, 1);
      const action = await sourceActionOf(emulator.client, name, created.pipelineExecutionId!);
      const versionId = createHash('sha256').update(first).digest('hex').slice(0, 32);
      expect(action.output?.outputVariables).toEqual({ ETag: createHash('md5').update(first).digest('hex'), VersionId: versionId });
      expect(readFileSync(artifactFile(emulator.env.dataDir, action))).toEqual(first);

      put('source-bucket', `${name}/app.zip`, { 'index.html': 'v2\n' });
      const [second] = await untilExecutions(emulator.client, name, 2);
      expect(second.trigger?.triggerType).toBe('CloudWatchEvent');
      const next = await sourceActionOf(emulator.client, name, second.pipelineExecutionId!);
      expect(zipEntries(artifactFile(emulator.env.dataDir, next))).toEqual({ 'index.html': 'v2\n' });
      const [latest] = await executions(emulator.client, name);
      const version = next.output?.outputVariables?.VersionId;
      expect(latest.sourceRevisions?.[0]).toEqual({
        actionName: 'Source',
        revisionId: version,
        revisionSummary: `Amazon S3 version id: ${version}`,
        revisionUrl: `${emulator.env.url}/source-bucket/${encodeURIComponent(`${name}/app.zip`)}?versionId=${version}`,
      });
    });

    it('watches an object whose bucket folder does not exist yet', async () => {
      const name = uniqueName('s3late');
      const bucket = uniqueName('late-bucket');
      await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, s3Source(bucket, 'drop/app.zip')) }));
      const [created] = await untilExecutions(emulator.client, name, 1);
      expect((await sourceActionOf(emulator.client, name, created.pipelineExecutionId!)).output?.executionResult?.errorDetails?.message).toContain('bucket does not exist');
      put(bucket, 'drop/app.zip', { 'main.py': 'print(1)\n' });
      const [second] = await untilExecutions(emulator.client, name, 2);
      expect(second.trigger).toEqual({ triggerType: 'PollForSourceChanges', triggerDetail: 'Source' });
      expect((await sourceActionOf(emulator.client, name, second.pipelineExecutionId!)).status).toBe('Succeeded');
    });
  });
});
