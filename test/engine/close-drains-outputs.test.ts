import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionJob, ActionProvider, ActionResult } from '../../src/providers/index.js';
import { freshDataDir, startTestEmulator } from '../helpers/emulator.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';

const SIZE = 96 * 1024 * 1024;

/** Every file under a folder, with its size. */
function filesUnder(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ path: join(e.parentPath, e.name), size: statSync(join(e.parentPath, e.name)).size }));
}

describe('stopping the emulator while an action\'s output artifact is being stored', () => {
  it('lets the artifact be written whole before close() returns, so nothing is written after the emulator has stopped', async () => {
    let returned!: () => void;
    const providerReturned = new Promise<void>((resolve) => (returned = resolve));
    // A source action whose output is large enough that storing it takes a while.
    const [, ...others] = localTestProviders();
    const bigSource: ActionProvider = {
      type: localTestProviders()[0].type,
      async run(job: ActionJob): Promise<ActionResult> {
        const path = join(job.workDir, 'big.zip');
        writeFileSync(path, randomBytes(SIZE));
        setImmediate(returned);
        return { summary: 'big', outputArtifacts: { SourceArtifact: path }, revision: { revisionId: 'big-1' } };
      },
    };
    // A data directory of the test's own: the emulator's close() would remove one it made.
    const env = await startTestEmulator({ dataDir: freshDataDir() }, { overrides: { providers: [bigSource, ...others] } });
    const name = uniqueName('drain');
    await env.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build')] }]) }));
    await providerReturned;
    await env.close();
    const stored = filesUnder(join(env.dataDir, 's3', 'codepipeline-local-artifacts')).filter((f) => f.path.includes(`/${name.slice(0, 20)}/`));
    expect(stored.map((f) => f.size)).toEqual([SIZE]);
  }, 120_000);
});
