import {
  CodePipelineClient,
  CreatePipelineCommand,
  DisableStageTransitionCommand,
  EnableStageTransitionCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageDeclaration } from '../../../../src/model/index.js';
import { SERVE_WITH_TEST_PROVIDERS, startChildServer, type ChildServer } from '../../../helpers/child-server.js';
import { freshDataDir, startTestEmulator } from '../../../helpers/emulator.js';
import { executionProbes, type ExecutionProbes } from '../../../helpers/execution-probes.js';
import { approvalAction, localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';

// The declaration is fixed, so a retry sleeps as long as the first run did: long enough to kill the server
// mid-action with a wide margin (the kill follows the first sight of InProgress by a few ms), short enough to retry.
const LONG_SLEEP_MS = '2500';

function clientFor(url: string): CodePipelineClient {
  return new CodePipelineClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }, maxAttempts: 1 });
}

describe('the engine across a restart', () => {
  const dataDir = freshDataDir();
  let second: ChildServer;
  let client: CodePipelineClient;
  let probe: ExecutionProbes;
  // What the first server showed before it was killed.
  const long = { name: uniqueName('long'), id: '', actionExecutionId: '' };
  const approval = { name: uniqueName('appr'), id: '', token: '' };
  const held = { name: uniqueName('held'), id: '' };
  const stopping = { name: uniqueName('stopping'), id: '' };

  /** Runs three pipelines on a first server (a long action, a waiting approval, a held transition) and SIGKILLs it. */
  async function runAndKill(): Promise<void> {
    const first = await startChildServer(['--data-dir', dataDir], {}, SERVE_WITH_TEST_PROVIDERS);
    const before = clientFor(first.url);
    const p = executionProbes(before);
    try {
      const approve: StageDeclaration[] = [
        { name: 'Approve', actions: [approvalAction('Approval')] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
      ];
      await before.send(new CreatePipelineCommand({ pipeline: localPipeline(approval.name, approve) }));
      approval.id = await p.firstExecution(approval.name);
      approval.token = (await p.untilAction(approval.name, 'Approve', 'Approval', (a) => a.latestExecution?.token !== undefined)).latestExecution!.token!;

      await before.send(new CreatePipelineCommand({ pipeline: localPipeline(held.name, [{ name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] }]) }));
      await p.untilStatus(held.name, await p.firstExecution(held.name), 'Succeeded');
      await before.send(new DisableStageTransitionCommand({ pipelineName: held.name, stageName: 'Deploy', transitionType: 'Inbound', reason: 'Hold for restart' }));
      held.id = await p.start(held.name);
      await waitFor(() => p.stage(held.name, 'Deploy'), { description: 'held at Deploy' }, (s) => s.inboundExecution?.pipelineExecutionId === held.id);

      const slow: StageDeclaration[] = [{ name: 'Build', actions: [testAction('Slow', 'Build', { Sleep: '60000' })] }];
      await before.send(new CreatePipelineCommand({ pipeline: localPipeline(stopping.name, slow) }));
      stopping.id = await p.firstExecution(stopping.name);
      await p.untilAction(stopping.name, 'Build', 'Slow', (a) => a.latestExecution?.status === 'InProgress');
      await before.send(new StopPipelineExecutionCommand({ pipelineName: stopping.name, pipelineExecutionId: stopping.id, reason: 'Stop before restart' }));
      await p.untilStatus(stopping.name, stopping.id, 'Stopping');

      const build: StageDeclaration[] = [
        { name: 'Build', actions: [testAction('Long', 'Build', { Sleep: LONG_SLEEP_MS }, { inputArtifacts: [{ name: 'SourceArtifact' }] })] },
        { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
      ];
      await before.send(new CreatePipelineCommand({ pipeline: localPipeline(long.name, build) }));
      long.id = await p.firstExecution(long.name);
      const running = await p.untilAction(long.name, 'Build', 'Long', (a) => a.latestExecution?.status === 'InProgress', 2000);
      long.actionExecutionId = running.latestExecution!.actionExecutionId!;
    } finally {
      first.child.kill('SIGKILL');
      before.destroy();
    }
    expect((await first.exited).signal).toBe('SIGKILL');
  }

  beforeAll(async () => {
    await runAndKill();
    second = await startChildServer(['--data-dir', dataDir], {}, SERVE_WITH_TEST_PROVIDERS);
    client = clientFor(second.url);
    probe = executionProbes(client);
  });

  afterAll(async () => {
    client?.destroy();
    if (second) {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('when the server was killed while an action ran', () => {
    it('marks the cut-short action Failed with a summary saying the emulator restarted', async () => {
      const action = await probe.untilAction(long.name, 'Build', 'Long', (a) => a.latestExecution?.status !== 'InProgress');
      expect(action.latestExecution).toMatchObject({ actionExecutionId: long.actionExecutionId, status: 'Failed' });
      expect(action.latestExecution?.summary).toMatch(/restart/i);
      expect(action.latestExecution?.errorDetails?.message).toMatch(/restart/i);
      const detail = (await probe.actionExecutions(long.name, long.id)).find((d) => d.actionExecutionId === long.actionExecutionId);
      expect(detail?.status).toBe('Failed');
      expect(detail?.output?.executionResult?.externalExecutionSummary).toMatch(/restart/i);
    });

    it('fails its stage and its execution, and runs nothing after it', async () => {
      await probe.untilStatus(long.name, long.id, 'Failed');
      expect((await probe.stage(long.name, 'Build')).latestExecution).toMatchObject({ pipelineExecutionId: long.id, status: 'Failed' });
      expect((await probe.stage(long.name, 'Deploy')).latestExecution).toBeUndefined();
    });

    it('lets RetryStageExecution run the action again, and the execution then succeeds', async () => {
      const out = await client.send(new RetryStageExecutionCommand({ pipelineName: long.name, stageName: 'Build', pipelineExecutionId: long.id, retryMode: 'FAILED_ACTIONS' }));
      expect(out.pipelineExecutionId).toBe(long.id);
      await probe.untilStatus(long.name, long.id, 'Succeeded', 10_000);
      const runs = (await probe.actionExecutions(long.name, long.id)).filter((d) => d.actionName === 'Long');
      expect(runs.map((d) => d.status)).toEqual(['Failed', 'Succeeded']);
      expect(runs[1].actionExecutionId).not.toBe(long.actionExecutionId);
      expect((await probe.stage(long.name, 'Build')).retryStageMetadata?.manualStageRetryAttempt).toBe(1);
    });

    it('runs a new execution of the pipeline at once', async () => {
      const id = await probe.start(long.name);
      const build = await waitFor(() => probe.stage(long.name, 'Build'), { description: 'new execution in Build' }, (s) => s.latestExecution?.pipelineExecutionId === id);
      expect(build.latestExecution?.status).toBe('InProgress');
      await probe.untilStatus(long.name, id, 'Succeeded', 10_000);
    });
  });

  describe('when the server was killed while an execution was Stopping', () => {
    it('finishes the stop: the cut-short action Failed, the stage and execution Stopped', async () => {
      await probe.untilStatus(stopping.name, stopping.id, 'Stopped');
      expect((await probe.stage(stopping.name, 'Build')).latestExecution).toMatchObject({ pipelineExecutionId: stopping.id, status: 'Stopped' });
      expect((await probe.action(stopping.name, 'Build', 'Slow')).latestExecution?.status).toBe('Failed');
      expect((await probe.summary(stopping.name, stopping.id))?.stopTrigger).toEqual({ reason: 'Stop before restart' });
    });
  });

  describe('when the server was killed while an approval waited', () => {
    it('keeps the approval waiting with the same token', async () => {
      const action = await probe.action(approval.name, 'Approve', 'Approval');
      expect(action.latestExecution).toMatchObject({ status: 'InProgress', token: approval.token });
      expect(await probe.status(approval.name, approval.id)).toBe('InProgress');
      expect((await probe.stage(approval.name, 'Approve')).latestExecution).toMatchObject({ pipelineExecutionId: approval.id, status: 'InProgress' });
    });

    it('accepts the approval and completes the execution', async () => {
      const out = await client.send(
        new PutApprovalResultCommand({ pipelineName: approval.name, stageName: 'Approve', actionName: 'Approval', token: approval.token, result: { status: 'Approved', summary: 'after restart' } }),
      );
      expect(out.approvedAt).toBeInstanceOf(Date);
      await probe.untilStatus(approval.name, approval.id, 'Succeeded');
      expect((await probe.action(approval.name, 'Approve', 'Approval')).latestExecution).toMatchObject({ status: 'Succeeded', summary: 'after restart' });
    });
  });

  describe('when the server was killed while an execution was held at a disabled transition', () => {
    it('keeps it held in front of the stage', async () => {
      const deploy = await probe.stage(held.name, 'Deploy');
      expect(deploy.inboundExecution).toMatchObject({ pipelineExecutionId: held.id, status: 'InProgress' });
      expect(deploy.inboundTransitionState).toMatchObject({ enabled: false, disabledReason: 'Hold for restart' });
      expect(await probe.status(held.name, held.id)).toBe('InProgress');
      expect((await probe.actionExecutions(held.name, held.id)).map((d) => d.stageName)).toEqual(['Source']);
    });

    it('releases it when the transition is enabled', async () => {
      await client.send(new EnableStageTransitionCommand({ pipelineName: held.name, stageName: 'Deploy', transitionType: 'Inbound' }));
      await probe.untilStatus(held.name, held.id, 'Succeeded');
      expect((await probe.stage(held.name, 'Deploy')).latestExecution).toMatchObject({ pipelineExecutionId: held.id, status: 'Succeeded' });
    });
  });
});

describe('the engine across a graceful shutdown', () => {
  describe('when the emulator is closed while an approval waits and an action runs', () => {
    it('leaves their statuses for the next start, without failing anything on the way down', async () => {
      const dataDir = freshDataDir();
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const first = await startTestEmulator({ dataDir }, { overrides: { providers: localTestProviders() } });
        const before = executionProbes(first.codepipeline());
        const approve = uniqueName('gappr');
        await first.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(approve, [{ name: 'Approve', actions: [approvalAction('Approval')] }]) }));
        const token = (await before.untilAction(approve, 'Approve', 'Approval', (a) => a.latestExecution?.token !== undefined)).latestExecution!.token!;
        const slow = uniqueName('gslow');
        await first.codepipeline().send(new CreatePipelineCommand({ pipeline: localPipeline(slow, [{ name: 'Build', actions: [testAction('Slow', 'Build', { Sleep: '60000' })] }]) }));
        await before.untilAction(slow, 'Build', 'Slow', (a) => a.latestExecution?.status === 'InProgress');
        await first.close();

        const again = await startTestEmulator({ dataDir }, { overrides: { providers: localTestProviders() } });
        try {
          const after = executionProbes(again.codepipeline());
          expect((await after.action(approve, 'Approve', 'Approval')).latestExecution).toMatchObject({ status: 'InProgress', token });
          const cut = await after.untilAction(slow, 'Build', 'Slow', (a) => a.latestExecution?.status !== 'InProgress');
          expect(cut.latestExecution?.summary).toMatch(/restart/i);
          // Checked once the next emulator has started and answered: anything the first left to reject has rejected by now.
          expect(unhandled.map(String)).toEqual([]);
        } finally {
          await again.close();
        }
      } finally {
        process.off('unhandledRejection', onUnhandled);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
