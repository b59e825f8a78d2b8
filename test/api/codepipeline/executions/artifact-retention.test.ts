import { CreatePipelineCommand, ListActionExecutionsCommand, StartPipelineExecutionCommand, type CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARTIFACT_RETENTION } from '../../../../src/engine/index.js';
import { startTestEmulator, type TestEmulator } from '../../../helpers/emulator.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { firstExecutionId, waitForExecutionEnd } from '../../../helpers/wait.js';

describe('artifact retention', () => {
  let env: TestEmulator;
  let client: CodePipelineClient;

  beforeAll(async () => {
    env = await startTestEmulator({}, { overrides: { providers: localTestProviders() } });
    client = env.codepipeline();
  });
  afterAll(async () => env.close());

  describe(`when a pipeline has run more than ${DEFAULT_ARTIFACT_RETENTION} times`, () => {
    it('keeps the artifacts of its newest executions and deletes the older ones, keeping their records', async () => {
      const name = 'retention';
      await client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'BuildArtifact' }] })] }]) }));
      const ids = [await firstExecutionId(client, name)];
      await waitForExecutionEnd(client, name, ids[0]);
      for (let i = 0; i < DEFAULT_ARTIFACT_RETENTION + 1; i++) {
        const { pipelineExecutionId } = await client.send(new StartPipelineExecutionCommand({ name }));
        await waitForExecutionEnd(client, name, pipelineExecutionId!);
        ids.push(pipelineExecutionId!);
      }
      const files = async (id: string) => {
        const details = (await client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }))).actionExecutionDetails!;
        const locations = details.flatMap((d) => d.output!.outputArtifacts!.map((a) => a.s3location!));
        expect(locations).toHaveLength(2);
        return locations.map((l) => existsSync(join(env.dataDir, 'artifacts', l.bucket!, l.key!)));
      };
      const oldest = ids.slice(0, ids.length - DEFAULT_ARTIFACT_RETENTION);
      const newest = ids.slice(-DEFAULT_ARTIFACT_RETENTION);
      for (const id of oldest) expect(await files(id)).toEqual([false, false]);
      for (const id of newest) expect(await files(id)).toEqual([true, true]);
    });
  });
});
