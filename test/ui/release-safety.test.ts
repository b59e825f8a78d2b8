import { GetPipelineStateCommand, ListPipelineExecutionsCommand, OverrideStageConditionCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/index.js';
import { entry, gatedPipeline, rule, variableCheck } from '../helpers/condition-pipelines.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { uniqueName } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';
import { useConsoleHarness } from './helpers/browser.js';
import { untilStage } from './helpers/page-probes.js';

// Monday 7 December 2026, 08:00 UTC; the window below never opens on a Monday, so its rule waits until overridden.
const MONDAY_8AM = Date.parse('2026-12-07T08:00:00Z');
const SUNDAYS = '* * * ? * SUN *';

describe('release safety in the pipeline view', () => {
  const clock = new ManualClock(MONDAY_8AM);
  const h = useConsoleHarness({}, { clock, timers: clock });
  const probe = executionProbes(() => h.client);

  const start = async (name: string, release: string) =>
    (await h.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Release', value: release }] }))).pipelineExecutionId!;

  describe('when an entry condition fails', () => {
    it('shows the failed rule with its summary, and Override lets the execution into the stage', async () => {
      const name = uniqueName('ui-gate');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, id, 'Failed');
      const api = (await probe.stage(name, 'Deploy')).beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution!;
      expect(api.status).toBe('Failed');

      const page = await h.open(`/console/pipelines/${name}`);
      const condition = page.locator('[data-testid="condition-Deploy-BEFORE_ENTRY"][data-status="Failed"]');
      await condition.waitFor();
      const ruleRow = page.locator('[data-testid="rule-Deploy-IsV2"][data-status="Failed"]');
      await ruleRow.waitFor();
      const text = await ruleRow.textContent();
      expect(text).toContain('VariableCheck');
      expect(text).toContain(api.summary!);
      // The rule's run as ListRuleExecutions gives it: the configuration it ran with, the variable resolved.
      expect(text).toContain('Variable: v1');
      expect(text).toContain('Operator: EQ');
      await expect(condition.textContent()).resolves.toContain('when not met: FAIL');
      await h.screenshot(page, 'condition-failed');

      await condition.getByTestId('override-Deploy-BEFORE_ENTRY').click();
      await page.getByTestId('override-dialog').getByTestId('dialog-submit').click();
      await page.locator('[data-testid="condition-Deploy-BEFORE_ENTRY"][data-status="Overridden"]').waitFor();
      await untilStage(page, 'After', 'Succeeded');
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await probe.stage(name, 'Deploy')).beforeEntryConditionState?.latestExecution?.status).toBe('Overridden');
    });

    it('shows AWS’s refusal in the Override dialog when the condition can no longer be overridden', async () => {
      const name = uniqueName('ui-gate-refused');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, id, 'Failed');
      const page = await h.open(`/console/pipelines/${name}`);
      await page.getByTestId('override-Deploy-BEFORE_ENTRY').click();
      const dialog = page.getByTestId('override-dialog');
      await dialog.waitFor();
      // Someone else overrides it first (through the API), while the dialog is open.
      await h.client.send(new OverrideStageConditionCommand({ pipelineName: name, stageName: 'Deploy', pipelineExecutionId: id, conditionType: 'BEFORE_ENTRY' }));
      await dialog.getByTestId('dialog-submit').click();
      await expect(dialog.getByTestId('inline-error').textContent()).resolves.toMatch(/^ConditionNotOverridableException: /);
    });
  });

  describe('when a success condition fails', () => {
    it('shows it after the actions, and Override counts the stage as succeeded so the next one runs', async () => {
      const name = uniqueName('ui-exit');
      const onSuccess = { conditions: [{ result: 'FAIL' as const, rules: [variableCheck('Healthy', '#{DeployVariables.health}', 'EQ', 'ok')] }] };
      const id = await probe.create(gatedPipeline(name, { onSuccess }, { variables: [{ name: 'Release', defaultValue: 'v1' }, { name: 'Health', defaultValue: 'bad' }] }));
      await probe.untilStatus(name, id, 'Failed');
      const page = await h.open(`/console/pipelines/${name}`);
      const condition = page.locator('[data-testid="condition-Deploy-ON_SUCCESS"][data-status="Failed"]');
      await condition.waitFor();
      await expect(page.locator('[data-testid="rule-Deploy-Healthy"]').textContent()).resolves.toContain('Variable: bad');
      await condition.getByTestId('override-Deploy-ON_SUCCESS').click();
      await page.getByTestId('override-dialog').getByTestId('dialog-submit').click();
      await page.locator('[data-testid="condition-Deploy-ON_SUCCESS"][data-status="Overridden"]').waitFor();
      await untilStage(page, 'Deploy', 'Succeeded');
      await untilStage(page, 'After', 'Succeeded');
      await probe.untilStatus(name, id, 'Succeeded');
    });
  });

  describe('when an entry condition is still being evaluated', () => {
    it('shows the rule in progress, and Override abandons it and lets the stage run', async () => {
      const name = uniqueName('ui-window');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: [rule('Sundays', 'DeploymentWindow', { Cron: SUNDAYS })] })));
      const page = await h.open(`/console/pipelines/${name}`);
      await page.locator('[data-testid="rule-Deploy-Sundays"][data-status="InProgress"]').waitFor();
      await h.screenshot(page, 'condition-waiting');
      await page.locator('[data-testid="condition-Deploy-BEFORE_ENTRY"][data-status="InProgress"]').getByTestId('override-Deploy-BEFORE_ENTRY').click();
      await page.getByTestId('override-dialog').getByTestId('dialog-submit').click();
      await page.locator('[data-testid="rule-Deploy-Sundays"][data-status="Abandoned"]').waitFor();
      await page.locator('[data-testid="condition-Deploy-BEFORE_ENTRY"][data-status="Overridden"]').waitFor();
      await untilStage(page, 'Deploy', 'Succeeded');
      await probe.untilStatus(name, id, 'Succeeded');
    });
  });

  describe('when an entry condition with result SKIP is not met', () => {
    it('shows the stage as Skipped', async () => {
      const name = uniqueName('ui-skip');
      const id = await probe.create(gatedPipeline(name, entry({ result: 'SKIP', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
      await probe.untilStatus(name, id, 'Succeeded');
      expect((await probe.stage(name, 'Deploy')).latestExecution?.status).toBe('Skipped');
      const page = await h.open(`/console/pipelines/${name}`);
      await untilStage(page, 'Deploy', 'Skipped');
      await expect(page.getByTestId('stage-Deploy').textContent()).resolves.toContain('Skipped');
    });
  });

  describe('when onFailure conditions ask for RETRY', () => {
    it('shows the automatic retry attempt on the stage', async () => {
      const name = uniqueName('ui-auto-retry');
      const onFailure = { result: 'RETRY' as const, retryConfiguration: { retryMode: 'ALL_ACTIONS' as const }, conditions: [{ rules: [variableCheck('Release', '#{variables.Release}', 'EQ', 'v1')] }] };
      const pipeline = gatedPipeline(name, { onFailure });
      pipeline.stages[1].actions[0].configuration!.Outcome = 'Fail';
      const id = await probe.create(pipeline);
      await probe.untilStatus(name, id, 'Failed');
      const page = await h.open(`/console/pipelines/${name}`);
      await untilStage(page, 'Deploy', 'Failed');
      await expect(page.getByTestId('retries-Deploy').textContent()).resolves.toContain('Automatic retry 1');
      await page.locator('[data-testid="condition-Deploy-ON_FAILURE"][data-status="Succeeded"]').waitFor();
      await expect(page.getByTestId('condition-Deploy-ON_FAILURE').textContent()).resolves.toContain('when met: RETRY');
      await expect(page.getByTestId('override-Deploy-ON_FAILURE').count()).resolves.toBe(0);
    });
  });

  describe('when a stage is rolled back from the console', () => {
    it('starts a ROLLBACK execution to the chosen one, shown in the history with its trigger and linked target', async () => {
      const name = uniqueName('ui-rollback');
      const first = await probe.create(gatedPipeline(name, {}));
      await probe.untilStatus(name, first, 'Succeeded');
      const second = await start(name, 'v2');
      await probe.untilStatus(name, second, 'Succeeded');

      const page = await h.open(`/console/pipelines/${name}`);
      await page.locator(`[data-testid="stage-Deploy"] a[title="${second}"]`).waitFor();
      await expect(page.getByTestId('rollback-Source').count()).resolves.toBe(0);
      await page.getByTestId('rollback-Deploy').click();
      const dialog = page.getByTestId('rollback-dialog');
      const select = dialog.getByTestId('rollback-target');
      await select.waitFor();
      // The newest execution that succeeded in the stage other than the one it shows now is proposed.
      await expect(select.inputValue()).resolves.toBe(first);
      await dialog.getByTestId('dialog-submit').click();
      await page.getByTestId('flash').getByText(/Rolling back Deploy to [0-9a-f]{8}/).waitFor();

      const listed = async () => (await h.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries ?? [];
      const rollback = (await waitFor(async () => (await listed()).find((e) => e.executionType === 'ROLLBACK'), { description: 'the ROLLBACK execution' }))!;
      expect(rollback.trigger?.triggerType).toBe('ManualRollback');
      expect(rollback.rollbackMetadata?.rollbackTargetPipelineExecutionId).toBe(first);
      await probe.untilStatus(name, rollback.pipelineExecutionId!, 'Succeeded');
      const state = await h.client.send(new GetPipelineStateCommand({ name }));
      expect(state.stageStates?.find((s) => s.stageName === 'Deploy')?.latestExecution).toMatchObject({ pipelineExecutionId: rollback.pipelineExecutionId, type: 'ROLLBACK' });

      const history = await h.open(`/console/pipelines/${name}/executions`);
      const row = history.locator(`[data-testid="execution-row-${rollback.pipelineExecutionId}"][data-type="ROLLBACK"]`);
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain('ManualRollback');
      expect(text).toContain('Rollback');
      await h.screenshot(history, 'rollback-history');
      await row.getByTestId(`rollback-target-${rollback.pipelineExecutionId}`).click();
      await history.waitForURL(`**/console/pipelines/${name}/executions/${first}`);
    });

    it('marks an automatic rollback (onFailure ROLLBACK) on the stage and in the history as AutomatedRollback', async () => {
      const name = uniqueName('ui-auto-rollback');
      const onFailure = { result: 'ROLLBACK' as const, conditions: [{ rules: [variableCheck('Release', '#{variables.Release}', 'NE', 'hotfix')] }] };
      const pipeline = gatedPipeline(name, { onFailure });
      pipeline.stages[1].actions[0].configuration!.Outcome = '#{variables.Outcome}';
      pipeline.variables!.push({ name: 'Outcome', defaultValue: 'Succeed' });
      const first = await probe.create(pipeline);
      await probe.untilStatus(name, first, 'Succeeded');
      const failed = (await h.client.send(new StartPipelineExecutionCommand({ name, variables: [{ name: 'Outcome', value: 'Fail' }] }))).pipelineExecutionId!;
      await probe.untilStatus(name, failed, 'Failed');
      const listed = async () => (await h.client.send(new ListPipelineExecutionsCommand({ pipelineName: name }))).pipelineExecutionSummaries ?? [];
      const rollback = (await waitFor(async () => (await listed()).find((e) => e.executionType === 'ROLLBACK'), { description: 'the automatic ROLLBACK execution' }))!;
      await probe.untilStatus(name, rollback.pipelineExecutionId!, 'Succeeded');

      const page = await h.open(`/console/pipelines/${name}`);
      const stage = page.getByTestId('stage-Deploy');
      await stage.locator(`a[title="${rollback.pipelineExecutionId}"]`).waitFor();
      await expect(stage.locator('.stage-head').textContent()).resolves.toContain('Rollback');
      await expect(page.getByTestId('condition-Deploy-ON_FAILURE').textContent()).resolves.toContain('when met: ROLLBACK');
      await h.screenshot(page, 'automatic-rollback');

      const history = await h.open(`/console/pipelines/${name}/executions`);
      const row = history.locator(`[data-testid="execution-row-${rollback.pipelineExecutionId}"][data-type="ROLLBACK"]`);
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('AutomatedRollback');
      await expect(row.getByTestId(`rollback-target-${rollback.pipelineExecutionId}`).getAttribute('title')).resolves.toBe(first);
    });

    it('offers no rollback on a V1 pipeline, where stage rollback does not exist', async () => {
      const name = uniqueName('ui-v1');
      const id = await probe.create(localPipeline(name, [{ name: 'Deploy', actions: [testAction('Deploy', 'Deploy')] }, { name: 'After', actions: [testAction('After', 'Test')] }], { pipelineType: 'V1' }));
      await probe.untilStatus(name, id, 'Succeeded');
      const page = await h.open(`/console/pipelines/${name}`);
      await untilStage(page, 'After', 'Succeeded');
      await expect(page.locator('[data-testid^="rollback-"]').count()).resolves.toBe(0);
    });
  });
});
