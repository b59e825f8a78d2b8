import { ListActionExecutionsCommand, ListPipelineExecutionsCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitForExecutionEnd } from '../../../helpers/wait.js';

describe('paging through execution history by nextToken', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  // Source, then a Build stage of two parallel actions: three action executions per pipeline execution.
  const pipeline = (name: string) =>
    localPipeline(name, [{ name: 'Build', actions: ['Unit', 'Package'].map((a) => testAction(a, 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] })) }]);

  async function run(name: string): Promise<string> {
    const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name }));
    await waitForExecutionEnd(emulator.client, name, pipelineExecutionId!);
    return pipelineExecutionId!;
  }

  /** A pipeline with `count` ended executions; returns their ids, oldest first. */
  async function history(count: number): Promise<{ name: string; ids: string[] }> {
    const name = uniqueName('paging');
    const ids = [await probe.create(pipeline(name))];
    await waitForExecutionEnd(emulator.client, name, ids[0]);
    while (ids.length < count) ids.push(await run(name));
    return { name, ids };
  }

  describe('when new executions start between pages', () => {
    it('ListPipelineExecutions returns the executions listed at first, newest first, without duplicates or gaps', async () => {
      const { name, ids } = await history(5);
      const pages: string[][] = [];
      const added: string[] = [];
      let nextToken: string | undefined;
      do {
        const out = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults: 2, nextToken }));
        pages.push(out.pipelineExecutionSummaries!.map((s) => s.pipelineExecutionId!));
        nextToken = out.nextToken;
        if (nextToken) added.push(await run(name));
      } while (nextToken && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...ids].reverse());
      const fresh = await emulator.client.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults: 2 }));
      expect(fresh.pipelineExecutionSummaries!.map((s) => s.pipelineExecutionId)).toEqual([...added].reverse());
    });

    it('ListActionExecutions filtered by pipelineExecutionId pages through that execution\'s actions alone, newest first', async () => {
      const { name, ids } = await history(3);
      const target = ids[1];
      const whole = (await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: target } }))).actionExecutionDetails!;
      expect(whole.map((d) => d.actionName).sort()).toEqual(['Package', 'Source', 'Unit']);
      const paged: string[] = [];
      let nextToken: string | undefined;
      do {
        const out = await emulator.client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: target }, maxResults: 1, nextToken }));
        expect(out.actionExecutionDetails!.every((d) => d.pipelineExecutionId === target)).toBe(true);
        paged.push(...out.actionExecutionDetails!.map((d) => d.actionExecutionId!));
        nextToken = out.nextToken;
        if (nextToken) await run(name);
      } while (nextToken && paged.length < 10);
      expect(paged).toEqual(whole.map((d) => d.actionExecutionId));
    });
  });
});
