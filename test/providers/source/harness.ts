import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ActionJob, ActionProvider, ActionResult } from '../../../src/providers/index.js';
import { ActionFailure } from '../../../src/providers/index.js';
import { silentLogger } from '../../../src/shared/index.js';

// Work folders are kept until the test file ends, so tests can read what a provider wrote.
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs a provider on a job with a fresh work folder; the folder is kept so the test can read the output. */
export async function runJob(provider: ActionProvider, overrides: Partial<ActionJob>): Promise<ActionResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'cpl-src-work-'));
  made.push(workDir);
  const job: ActionJob = {
    account: '000000000000',
    region: 'us-east-1',
    pipelineName: 'p',
    pipelineExecutionId: '00000000-0000-4000-8000-000000000000',
    stageName: 'Source',
    actionName: 'Source',
    actionExecutionId: '11111111-1111-4111-8111-111111111111',
    actionTypeId: provider.type.id,
    configuration: {},
    inputArtifacts: [],
    outputArtifactNames: ['SourceArtifact'],
    workDir,
    ...overrides,
  };
  return provider.run(job, { signal: new AbortController().signal, log: silentLogger(), progress: () => undefined, awaitApproval: () => Promise.reject(new Error('no approvals')) });
}

/** Runs a job that must fail and returns its ActionFailure. */
export async function failureOf(provider: ActionProvider, overrides: Partial<ActionJob>): Promise<ActionFailure> {
  const outcome = await runJob(provider, overrides).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof ActionFailure)) throw new Error(`expected an ActionFailure, got ${String(outcome)}`);
  return outcome;
}
