import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListRuleExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, gatedPipeline, rule } from '../helpers/condition-pipelines.js';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from './lambda-image.js';

// A cold start of a Python function on a shared machine, then the stage behind the rule (ms).
const PIPELINE_TIMEOUT_MS = 120_000;

// Lets the stage in unless its UserParameters say "block", in which case it raises: a function error fails the rule.
const GATE = `def lambda_handler(event, context):
    job = event["CodePipeline.job"]
    params = job["data"]["actionConfiguration"]["configuration"].get("UserParameters", "")
    print("rule job", job["id"], "account", job["accountId"], "params", params)
    if params == "block":
        raise Exception("release blocked by the gate")
    return {"ok": True}
`;

describe('a LambdaInvoke rule on a function of the emulator', () => {
  let env: TestEmulator;
  const probe = executionProbes(() => env.codepipeline());
  const fn = uniqueName('gate');

  beforeAll(async () => {
    await ensureLambdaImage();
    env = await startTestEmulator({}, { overrides: { providers: localTestProviders() } });
    await env.client(LambdaClient).send(
      new CreateFunctionCommand({ FunctionName: fn, Runtime: 'python3.13', Role: `arn:aws:iam::${TEST_ACCOUNT}:role/lambda`, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipOf({ 'lambda_function.py': GATE }) }, Timeout: 60 }),
    );
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('lets the stage in when the function returns, and fails it with the function error when it raises', { timeout: 2 * PIPELINE_TIMEOUT_MS }, async () => {
    const passing = uniqueName('lambda-pass');
    const first = await probe.create(gatedPipeline(passing, entry({ result: 'FAIL', rules: [rule('Gate', 'LambdaInvoke', { FunctionName: fn, UserParameters: 'go' })] })));
    await probe.untilStatus(passing, first, 'Succeeded', PIPELINE_TIMEOUT_MS);
    const passed = (await probe.stage(passing, 'Deploy')).beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution;
    expect(passed).toMatchObject({ status: 'Succeeded', summary: `The Lambda function ${fn} succeeded` });
    const { ruleExecutionDetails } = await env.codepipeline().send(new ListRuleExecutionsCommand({ pipelineName: passing }));
    const link = ruleExecutionDetails![0].output?.executionResult?.externalExecutionUrl;
    expect(link).toMatch(new RegExp(`/codepipeline-local/lambda/logs/${TEST_ACCOUNT}/us-east-1/${fn}$`));
    expect(await (await fetch(link!)).text()).toMatch(/rule job [0-9a-f-]{36} account \d{12} params go/);

    const blocked = uniqueName('lambda-block');
    const second = await probe.create(gatedPipeline(blocked, entry({ result: 'FAIL', rules: [rule('Gate', 'LambdaInvoke', { FunctionName: fn, UserParameters: 'block' })] })));
    await probe.untilStatus(blocked, second, 'Failed', PIPELINE_TIMEOUT_MS);
    const stage = await probe.stage(blocked, 'Deploy');
    expect(stage.beforeEntryConditionState!.conditionStates![0].ruleStates![0].latestExecution).toMatchObject({
      status: 'Failed',
      errorDetails: { code: 'JobFailed', message: `The Lambda function ${fn} failed: Exception: release blocked by the gate` },
    });
    expect(stage.actionStates![0].latestExecution).toBeUndefined();
  });
});
