import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { ActionJob, ActionProvider, ActionResult } from '../../../src/providers/index.js';
import { ActionFailure } from '../../../src/providers/index.js';
import { silentLogger } from '../../../src/shared/index.js';

/** Runs a provider on a job with a fresh work folder; the folder is kept so the test can read the output. */
export async function runJob(provider: ActionProvider, overrides: Partial<ActionJob>): Promise<ActionResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'cpl-src-work-'));
  // Kept until the test ends so it can read what the provider wrote. Per test, not per file: with isolate false this
  // module is imported once per worker, so a module-level afterAll would clean up after the first file only.
  onTestFinished(() => rmSync(workDir, { recursive: true, force: true }));
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
