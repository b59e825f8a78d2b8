import { CodePipelineClient, CreatePipelineCommand, GetPipelineCommand, ListPipelinesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-codepipeline';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../helpers/child-server.js';
import { freshDataDir } from '../helpers/emulator.js';
import { samplePipeline } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';

function clientFor(url: string): CodePipelineClient {
  return new CodePipelineClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }, maxAttempts: 1 });
}

async function listAll(client: CodePipelineClient): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListPipelinesCommand({ nextToken }));
    names.push(...page.pipelines!.map((p) => p.name!));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

describe('the store', () => {
  const dataDir = freshDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('when the server is killed with SIGKILL during a burst of CreatePipeline calls', () => {
    it('keeps every pipeline whose call returned 200 and no partial record', async () => {
      const first = await startChildServer(['--data-dir', dataDir]);
      const client = clientFor(first.url);
      const acknowledged: string[] = [];
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `burst-${w}-${i}`;
          try {
            await client.send(new CreatePipelineCommand({ pipeline: samplePipeline(name), tags: [{ key: 'burst', value: name }] }));
            acknowledged.push(name);
          } catch {
            return; // the server died under us
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      await waitFor(() => acknowledged.length >= 150, { timeoutMs: 60_000, intervalMs: 5, description: '150 acknowledged CreatePipeline calls' });
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      stop = true;
      await Promise.all(workers);
      client.destroy();

      const integrity = new Database(join(dataDir, 'codepipeline-local.sqlite'));
      expect(integrity.pragma('integrity_check', { simple: true })).toBe('ok');
      integrity.close();

      const second = await startChildServer(['--data-dir', dataDir]);
      const after = clientFor(second.url);
      try {
        const stored = await listAll(after);
        expect(stored).toEqual(expect.arrayContaining(acknowledged));
        // Anything stored beyond the acknowledged calls was committed just before the kill; it must be whole too.
        for (const name of stored) {
          const got = await after.send(new GetPipelineCommand({ name }));
          expect(got.pipeline?.stages).toHaveLength(2);
          expect(got.pipeline?.version).toBe(1);
          const arn = got.metadata!.pipelineArn!;
          expect((await after.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: 'burst', value: name }]);
        }
      } finally {
        after.destroy();
        second.child.kill('SIGTERM');
        await second.exited;
      }
    });
  });
});
