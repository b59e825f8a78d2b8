import { CreatePipelineCommand, PutApprovalResultCommand, type ActionState } from '@aws-sdk/client-codepipeline';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActionDeclaration } from '../../../../src/model/index.js';
import { ManualClock } from '../../../../src/shared/index.js';
import { TEST_ACCOUNT, useTestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { approvalAction, localPipeline, testAction } from '../../../helpers/local-pipelines.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';

const CALLER = `arn:aws:iam::${TEST_ACCOUNT}:root`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('Manual approval and PutApprovalResult', () => {
  // Approval timeouts run on this clock; API timestamps stand still unless a test moves it.
  const clock = new ManualClock();
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders(), clock, timers: clock } });
  const probe = executionProbes(() => emulator.client);

  /** Creates Source -> Approve -> Deploy and waits until the approval (started by CreatePipeline) has its token. */
  async function waitingApproval(approvals: ActionDeclaration[] = [approvalAction('Approval')]) {
    const name = uniqueName('ap');
    const stages = [
      { name: 'Approve', actions: approvals },
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] },
    ];
    await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages) }));
    const id = await probe.firstExecution(name);
    const action = await probe.untilAction(name, 'Approve', approvals[0].name, (a) => a.latestExecution?.token !== undefined);
    return { name, id, token: action.latestExecution!.token!, action };
  }

  function answer(name: string, token: string, status: 'Approved' | 'Rejected', summary: string, actionName = 'Approval', stageName = 'Approve') {
    return emulator.client.send(new PutApprovalResultCommand({ pipelineName: name, stageName, actionName, token, result: { status, summary } }));
  }

  const finished = (a: ActionState) => a.latestExecution?.status !== 'InProgress';

  describe('when a Manual approval action starts', () => {
    it('waits in progress with its token at actionStates[].latestExecution.token', async () => {
      const { name, id, token, action } = await waitingApproval();
      expect(token).toMatch(UUID);
      expect(action.latestExecution).toMatchObject({ status: 'InProgress', token });
      const stage = await probe.stage(name, 'Approve');
      expect(stage.latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'InProgress' });
      expect(stage).not.toHaveProperty('token');
      expect((await probe.stage(name, 'Deploy')).latestExecution).toBeUndefined();
      expect(await probe.status(name, id)).toBe('InProgress');
    });
  });

  describe('when the pipeline runs in PARALLEL mode', () => {
    it('gives the token as the action execution externalExecutionId in ListActionExecutions, not in GetPipelineState', async () => {
      const name = uniqueName('appar');
      const stages = [{ name: 'Approve', actions: [approvalAction('Approval')] }];
      await emulator.client.send(new CreatePipelineCommand({ pipeline: localPipeline(name, stages, { pipelineType: 'V2', executionMode: 'PARALLEL' }) }));
      const id = await probe.firstExecution(name);
      await probe.untilAction(name, 'Approve', 'Approval', (a) => a.latestExecution?.status === 'InProgress');
      const state = await probe.action(name, 'Approve', 'Approval');
      expect(state.latestExecution?.token).toBeUndefined();
      const detail = await waitFor(
        async () => (await probe.actionExecutions(name, id)).find((d) => d.actionName === 'Approval'),
        { description: 'approval detail' },
        (d) => d?.output?.executionResult?.externalExecutionId !== undefined,
      );
      const token = detail!.output!.executionResult!.externalExecutionId!;
      expect(token).toMatch(UUID);
      await answer(name, token, 'Approved', 'parallel ok');
      await probe.untilStatus(name, id, 'Succeeded');
    });
  });

  describe('when the approval is approved', () => {
    it('succeeds the action with the summary and approver, and the execution goes on to succeed', async () => {
      const { name, id, token } = await waitingApproval();
      const out = await answer(name, token, 'Approved', 'Looks good to me');
      expect(out.approvedAt).toBeInstanceOf(Date);
      expect(out.approvedAt).toEqual(new Date(clock.now()));
      await probe.untilStatus(name, id, 'Succeeded');
      const action = await probe.action(name, 'Approve', 'Approval');
      expect(action.latestExecution).toMatchObject({ status: 'Succeeded', summary: 'Looks good to me', lastUpdatedBy: CALLER });
      expect(action.latestExecution?.token).toBeUndefined();
      expect((await probe.stage(name, 'Approve')).latestExecution?.status).toBe('Succeeded');
      expect((await probe.action(name, 'Deploy', 'Deploy')).latestExecution).toMatchObject({ status: 'Succeeded' });
      const detail = (await probe.actionExecutions(name, id)).find((d) => d.actionName === 'Approval')!;
      expect(detail).toMatchObject({ status: 'Succeeded', updatedBy: CALLER, output: { executionResult: { externalExecutionSummary: 'Looks good to me' } } });
    });
  });

  describe('when the approval is rejected', () => {
    it('fails the action, its stage and the execution, and runs nothing after it', async () => {
      const { name, id, token } = await waitingApproval();
      await answer(name, token, 'Rejected', 'Not this one');
      await probe.untilStatus(name, id, 'Failed');
      const action = await probe.action(name, 'Approve', 'Approval');
      expect(action.latestExecution).toMatchObject({ status: 'Failed', summary: 'Not this one', lastUpdatedBy: CALLER });
      expect((await probe.stage(name, 'Approve')).latestExecution).toMatchObject({ pipelineExecutionId: id, status: 'Failed' });
      expect((await probe.stage(name, 'Deploy')).latestExecution).toBeUndefined();
      expect((await probe.actionExecutions(name, id)).map((d) => d.actionName)).toEqual(['Source', 'Approval']);
    });
  });

  describe('when the approval has timeoutInMinutes 5', () => {
    it('keeps waiting before 5 minutes and fails the action, stage and execution once they have passed', async () => {
      // A witness approval of 5 minutes started 1 minute earlier: once it has failed, the clock's move has been acted on.
      const witness = await waitingApproval([approvalAction('Approval', { timeoutInMinutes: 5 })]);
      clock.advance(MINUTE);
      const { name, id, token } = await waitingApproval([approvalAction('Approval', { timeoutInMinutes: 5 })]);
      clock.advance(4 * MINUTE);
      expect((await probe.untilAction(witness.name, 'Approve', 'Approval', finished)).latestExecution?.status).toBe('Failed');
      expect((await probe.action(name, 'Approve', 'Approval')).latestExecution).toMatchObject({ status: 'InProgress', token });
      clock.advance(MINUTE + 1000);
      const action = await probe.untilAction(name, 'Approve', 'Approval', finished);
      expect(action.latestExecution?.status).toBe('Failed');
      expect(action.latestExecution?.errorDetails?.message).toBeTruthy();
      await probe.untilStatus(name, id, 'Failed');
      expect((await probe.stage(name, 'Approve')).latestExecution?.status).toBe('Failed');
      expect((await probe.stage(name, 'Deploy')).latestExecution).toBeUndefined();
    });

    it('refuses the expired token with InvalidApprovalTokenException', async () => {
      const { name, id, token } = await waitingApproval([approvalAction('Approval', { timeoutInMinutes: 5 })]);
      clock.advance(5 * MINUTE + 1000);
      await probe.untilStatus(name, id, 'Failed');
      const error = await errorOf(answer(name, token, 'Approved', 'too late'));
      expect(error).toMatchObject({ name: 'InvalidApprovalTokenException', status: 400 });
    });
  });

  describe('when the approval has no timeoutInMinutes', () => {
    it('waits 7 days by default, then fails', async () => {
      // A witness approval of 7 days started 1 day earlier: once it has failed, the clock's move has been acted on.
      const witness = await waitingApproval([approvalAction('Approval', { timeoutInMinutes: (7 * DAY) / MINUTE })]);
      clock.advance(DAY);
      const { name, id, token } = await waitingApproval();
      clock.advance(6 * DAY);
      expect((await probe.untilAction(witness.name, 'Approve', 'Approval', finished)).latestExecution?.status).toBe('Failed');
      expect((await probe.action(name, 'Approve', 'Approval')).latestExecution).toMatchObject({ status: 'InProgress', token });
      expect(await probe.status(name, id)).toBe('InProgress');
      clock.advance(DAY + MINUTE);
      const action = await probe.untilAction(name, 'Approve', 'Approval', finished);
      expect(action.latestExecution?.status).toBe('Failed');
      await probe.untilStatus(name, id, 'Failed');
    });
  });

  describe('when the token is wrong', () => {
    it('answers InvalidApprovalTokenException and leaves the approval waiting', async () => {
      const { name, token } = await waitingApproval();
      const error = await errorOf(answer(name, randomUUID(), 'Approved', 'guess'));
      expect(error).toMatchObject({ name: 'InvalidApprovalTokenException', status: 400 });
      expect((await probe.action(name, 'Approve', 'Approval')).latestExecution).toMatchObject({ status: 'InProgress', token });
    });

    it('answers InvalidApprovalTokenException for the token of another approval action', async () => {
      const { name, token } = await waitingApproval([approvalAction('First'), approvalAction('Second')]);
      const error = await errorOf(answer(name, token, 'Approved', 'wrong action', 'Second'));
      expect(error.name).toBe('InvalidApprovalTokenException');
    });
  });

  describe('when the approval was already answered', () => {
    it('answers ApprovalAlreadyCompletedException to a second answer', async () => {
      const { name, id, token } = await waitingApproval();
      await answer(name, token, 'Approved', 'first answer');
      const error = await errorOf(answer(name, token, 'Rejected', 'second answer'));
      expect(error).toMatchObject({ name: 'ApprovalAlreadyCompletedException', status: 400 });
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await probe.action(name, 'Approve', 'Approval')).latestExecution?.summary).toBe('first answer');
    });
  });

  describe('when the stage or action does not exist', () => {
    it('answers StageNotFoundException for an unknown stage', async () => {
      const { name, token } = await waitingApproval();
      const error = await errorOf(answer(name, token, 'Approved', 'x', 'Approval', 'Nowhere'));
      expect(error).toMatchObject({ name: 'StageNotFoundException', status: 400 });
    });

    it('answers ActionNotFoundException for an unknown action', async () => {
      const { name, token } = await waitingApproval();
      const error = await errorOf(answer(name, token, 'Approved', 'x', 'Nobody'));
      expect(error).toMatchObject({ name: 'ActionNotFoundException', status: 400 });
    });
  });
});
