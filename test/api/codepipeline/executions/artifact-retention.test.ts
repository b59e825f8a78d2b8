import { ListActionExecutionsCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARTIFACT_RETENTION } from '../../../../src/engine/index.js';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitForExecutionEnd } from '../../../helpers/wait.js';

describe('artifact retention', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  describe(`when a pipeline has run more than ${DEFAULT_ARTIFACT_RETENTION} times`, () => {
    it('keeps the artifacts of its newest executions and deletes the older ones, keeping their records', async () => {
      const name = 'retention';
      const ids = [await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }], outputArtifacts: [{ name: 'BuildArtifact' }] })] }]))];
      await waitForExecutionEnd(emulator.client, name, ids[0]);
      for (let i = 0; i < DEFAULT_ARTIFACT_RETENTION + 1; i++) {
        const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name }));
        await waitForExecutionEnd(emulator.client, name, pipelineExecutionId!);
        ids.push(pipelineExecutionId!);
      }
      const files = async (id: string) => {
        const details = (await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }))).actionExecutionDetails!;
        const locations = details.flatMap((d) => d.output!.outputArtifacts!.map((a) => a.s3location!));
        expect(locations).toHaveLength(2);
        return locations.map((l) => existsSync(join(emulator.env.dataDir, 's3', l.bucket!, l.key!)));
      };
      const oldest = ids.slice(0, ids.length - DEFAULT_ARTIFACT_RETENTION);
      const newest = ids.slice(-DEFAULT_ARTIFACT_RETENTION);
      // The retention rule deletes the objects in the background once an execution ends.
      for (const id of oldest) await expect.poll(() => files(id)).toEqual([false, false]);
      for (const id of newest) expect(await files(id)).toEqual([true, true]);
    });
  });
});
