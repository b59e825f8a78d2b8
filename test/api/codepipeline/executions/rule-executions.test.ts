import { ListRuleExecutionsCommand, paginateListRuleExecutions, type RuleExecutionDetail } from '@aws-sdk/client-codepipeline';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/shared/index.js';
import { entry, gatedPipeline, rule, variableCheck } from '../../../helpers/condition-pipelines.js';
import { freshDataDir, startTestEmulator, useTestEmulator, type TestEmulator } from '../../../helpers/emulator.js';
import { errorOf } from '../../../helpers/errors.js';
import { executionProbes } from '../../../helpers/execution-probes.js';
import { uniqueName } from '../../../helpers/pipelines.js';
import { localTestProviders } from '../../../helpers/test-provider.js';
import { waitFor } from '../../../helpers/wait.js';
import { aws } from '../../protocol/tiny/aws-cli.js';

const MONDAY_8AM = Date.parse('2026-12-07T08:00:00Z');

/** Three rules that pass on the default Release v1. */
const threeRules = [
  variableCheck('IsV1', '#{variables.Release}', 'EQ', 'v1'),
  variableCheck('NotHotfix', '#{variables.Release}', 'NE', 'hotfix'),
  variableCheck('Shape', '#{variables.Release}', 'MATCHES', 'v[0-9]+'),
];

describe('ListRuleExecutions', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });
  const probe = executionProbes(() => emulator.client);

  it('pages newest first, filters by pipeline execution, and answers the aws CLI', async () => {
    const name = uniqueName('rules');
    const first = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: threeRules })));
    await probe.untilStatus(name, first, 'Succeeded');
    const second = await probe.start(name);
    await probe.untilStatus(name, second, 'Succeeded');

    const page = await emulator.client.send(new ListRuleExecutionsCommand({ pipelineName: name, maxResults: 2 }));
    expect(page.ruleExecutionDetails).toHaveLength(2);
    expect(page.nextToken).toBeDefined();
    const all: RuleExecutionDetail[] = [];
    for await (const p of paginateListRuleExecutions({ client: emulator.client, pageSize: 2 }, { pipelineName: name })) all.push(...p.ruleExecutionDetails!);
    expect(all).toHaveLength(6);
    expect(all.slice(0, 3).every((r) => r.pipelineExecutionId === second)).toBe(true);
    expect(new Set(all.map((r) => r.ruleExecutionId)).size).toBe(6);

    const filtered = await emulator.client.send(new ListRuleExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: first } }));
    expect(filtered.ruleExecutionDetails!.map((r) => r.ruleName).sort()).toEqual(['IsV1', 'NotHotfix', 'Shape']);
    expect(filtered.ruleExecutionDetails!.every((r) => r.pipelineExecutionId === first && r.status === 'Succeeded')).toBe(true);

    const cli = await aws(emulator.env.url, ['codepipeline', 'list-rule-executions', '--pipeline-name', name, '--filter', `pipelineExecutionId=${second}`]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.json.ruleExecutionDetails).toHaveLength(3);
    expect(cli.json.ruleExecutionDetails[0]).toMatchObject({ pipelineExecutionId: second, stageName: 'Deploy', status: 'Succeeded' });
  });

  it('refuses an unknown pipeline, an unknown execution and a next token it did not issue', async () => {
    const name = uniqueName('rules-refused');
    const id = await probe.create(gatedPipeline(name, entry({ result: 'FAIL', rules: threeRules })));
    await probe.untilStatus(name, id, 'Succeeded');
    expect((await errorOf(emulator.client.send(new ListRuleExecutionsCommand({ pipelineName: 'no-such-pipeline' })))).name).toBe('PipelineNotFoundException');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await errorOf(emulator.client.send(new ListRuleExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: unknown } })))).name).toBe('PipelineExecutionNotFoundException');
    expect((await errorOf(emulator.client.send(new ListRuleExecutionsCommand({ pipelineName: name, nextToken: 'not-a-token' })))).name).toBe('InvalidNextTokenException');
  });
});

describe('stage conditions across a restart', () => {
  const dataDir = freshDataDir();
  const clock = new ManualClock(MONDAY_8AM);
  const start = () => startTestEmulator({ dataDir }, { overrides: { providers: localTestProviders(), clock, timers: clock } });
  let current: TestEmulator | undefined;
  afterAll(async () => {
    await current?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps rule executions, and evaluates again a condition the restart cut short', async () => {
    current = await start();
    let probe = executionProbes(current.codepipeline());
    const done = uniqueName('done');
    const doneId = await probe.create(gatedPipeline(done, entry({ result: 'FAIL', rules: [variableCheck('IsV2', '#{variables.Release}', 'EQ', 'v2')] })));
    await probe.untilStatus(done, doneId, 'Failed');
    const waiting = uniqueName('waiting');
    const waitingId = await probe.create(gatedPipeline(waiting, entry({ result: 'FAIL', rules: [rule('Hours', 'DeploymentWindow', { Cron: '* * 9-17 ? * MON-FRI *' })] })));
    await waitFor(() => probe.stage(waiting, 'Deploy'), { description: 'the window rule waiting' }, (s) => s.beforeEntryConditionState?.latestExecution?.status === 'InProgress');
    await current.close();

    current = await start();
    probe = executionProbes(current.codepipeline());
    const kept = await current.codepipeline().send(new ListRuleExecutionsCommand({ pipelineName: done }));
    expect(kept.ruleExecutionDetails).toHaveLength(1);
    expect(kept.ruleExecutionDetails![0]).toMatchObject({ pipelineExecutionId: doneId, ruleName: 'IsV2', status: 'Failed' });
    expect((await probe.stage(done, 'Deploy')).beforeEntryConditionState?.latestExecution?.status).toBe('Failed');

    const again = await waitFor(
      () => current!.codepipeline().send(new ListRuleExecutionsCommand({ pipelineName: waiting })),
      { description: 'the window rule evaluated again' },
      (out) => out.ruleExecutionDetails?.length === 2,
    );
    expect(again.ruleExecutionDetails!.map((r) => r.status)).toEqual(['InProgress', 'Abandoned']);
    clock.advance(60 * 60 * 1000);
    await probe.untilStatus(waiting, waitingId, 'Succeeded');
    expect((await probe.stage(waiting, 'Deploy')).beforeEntryConditionState?.latestExecution?.status).toBe('Succeeded');
  });
});
