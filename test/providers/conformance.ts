import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findActionType } from '../../src/model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ApprovalOutcome } from '../../src/providers/index.js';
import { silentLogger } from '../../src/shared/index.js';

/** How the conformance suite drives one provider: a job that succeeds, one that fails, and one that runs until aborted. */
export interface ConformanceCase {
  provider: ActionProvider;
  succeeding: Partial<ActionJob>;
  failing: Partial<ActionJob>;
  /** A job that keeps running until its signal is aborted. */
  long: Partial<ActionJob>;
  /** The approval answer the fake context gives, for providers that wait for one. */
  approval?: (job: ActionJob) => Promise<ApprovalOutcome>;
}

function job(provider: ActionProvider, overrides: Partial<ActionJob>, workDir: string): ActionJob {
  return {
    account: '000000000000',
    region: 'us-east-1',
    pipelineName: 'conformance',
    pipelineExecutionId: '00000000-0000-4000-8000-000000000000',
    stageName: 'Stage',
    actionName: 'Action',
    actionExecutionId: '11111111-1111-4111-8111-111111111111',
    actionTypeId: provider.type.id,
    configuration: {},
    inputArtifacts: [],
    outputArtifactNames: [],
    workDir,
    ...overrides,
  };
}

function context(signal: AbortSignal, approval: ConformanceCase['approval'], current: () => ActionJob): ActionContext & { reports: unknown[] } {
  const reports: unknown[] = [];
  return {
    signal,
    log: silentLogger(),
    reports,
    progress: (update) => void reports.push(update),
    // Like the engine's, the fake approval wait ends when the action is aborted.
    awaitApproval: () => {
      const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new ActionFailure('JobFailed', 'aborted', true))));
      return approval ? Promise.race([approval(current()), aborted]) : aborted;
    },
  };
}

const abortedOf = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

/** The signal itself, made to resolve `looked` the first time its holder reads `aborted` or listens for the abort. */
function watchedSignal(signal: AbortSignal): { signal: AbortSignal; looked: Promise<void> } {
  let look!: () => void;
  const looked = new Promise<void>((resolve) => (look = resolve));
  const listen = signal.addEventListener.bind(signal);
  // Own properties shadow the prototype's, so Node's own uses of the signal (timers, child processes) are seen too.
  Object.defineProperty(signal, 'aborted', { get: () => (look(), abortedOf.call(signal)) });
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => (look(), listen(...args))) as AbortSignal['addEventListener'];
  return { signal, looked };
}

/** The checks every ActionProvider passes: a valid type, results that cover its outputs, typed failures, and aborts honoured. */
export function describeProviderConformance(name: string, make: () => ConformanceCase): void {
  describe(`${name} (ActionProvider conformance)`, () => {
    const run = async (c: ConformanceCase, overrides: Partial<ActionJob>, signal = new AbortController().signal) => {
      const workDir = mkdtempSync(join(tmpdir(), 'cpl-conformance-'));
      try {
        const j = job(c.provider, overrides, workDir);
        return await c.provider.run(j, context(signal, c.approval, () => j));
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    };

    it('declares a well-formed action type, matching the catalog for AWS-owned types', () => {
      const { type } = make().provider;
      expect(type.id.provider).toMatch(/^[0-9A-Za-z_-]{1,35}$/);
      expect(type.inputArtifactDetails.minimumCount).toBeLessThanOrEqual(type.inputArtifactDetails.maximumCount);
      expect(type.outputArtifactDetails.minimumCount).toBeLessThanOrEqual(type.outputArtifactDetails.maximumCount);
      if (type.id.owner === 'AWS') expect(findActionType(type.id)).toEqual(type);
    });

    it('returns a result that names a file for every output artifact it was asked for', async () => {
      const c = make();
      const result = await run(c, c.succeeding);
      for (const output of c.succeeding.outputArtifactNames ?? []) expect(result.outputArtifacts?.[output]).toBeTruthy();
    });

    it('fails with an ActionFailure carrying a code and a message', async () => {
      const c = make();
      const failure = await run(c, c.failing).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(ActionFailure);
      expect((failure as ActionFailure).code).toMatch(/^(JobFailed|ConfigurationError|PermissionError|RevisionOutOfSync|RevisionUnavailable|SystemUnavailable)$/);
      expect((failure as ActionFailure).message.length).toBeGreaterThan(0);
    });

    it('stops with an ActionFailure when its signal is aborted while it runs', async () => {
      const c = make();
      const controller = new AbortController();
      const watched = watchedSignal(controller.signal);
      let settled = false;
      const outcome = run(c, c.long, watched.signal).then(
        () => 'resolved',
        (e: unknown) => e,
      );
      void outcome.finally(() => (settled = true));
      // Aborted once the provider looks at its signal, mid-run: the long job never ends by itself, so only the abort ends it.
      await Promise.race([watched.looked, outcome]);
      expect(settled).toBe(false);
      controller.abort(new Error('abandoned'));
      expect(await outcome).toBeInstanceOf(ActionFailure);
    });
  });
}
