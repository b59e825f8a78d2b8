import { CreateFunctionCommand, LambdaClient, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { describe, expect, beforeAll, afterAll, it } from 'vitest';
import type { ActionDeclaration } from '../../src/model/index.js';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders, zipEntries, type LocalTestProvider } from '../helpers/test-provider.js';
import { waitFor } from '../helpers/wait.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from './lambda-image.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
// A cold start of a boto3 function on a shared machine, then the stage after it (ms).
const PIPELINE_TIMEOUT_MS = 120_000;

// Written as AWS's docs show a CodePipeline Lambda function: boto3 unchanged, the endpoint comes from the environment.
const PYTHON_ACTION = `import io
import zipfile
import boto3

codepipeline = boto3.client("codepipeline")


def lambda_handler(event, context):
    job = event["CodePipeline.job"]
    data = job["data"]
    creds = data["artifactCredentials"]
    s3 = boto3.client("s3", aws_access_key_id=creds["accessKeyId"], aws_secret_access_key=creds["secretAccessKey"], aws_session_token=creds["sessionToken"])
    source = data["inputArtifacts"][0]["location"]["s3Location"]
    names = zipfile.ZipFile(io.BytesIO(s3.get_object(Bucket=source["bucketName"], Key=source["objectKey"])["Body"].read())).namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("from-lambda.txt", "inputs: " + ",".join(sorted(names)))
    target = data["outputArtifacts"][0]["location"]["s3Location"]
    s3.put_object(Bucket=target["bucketName"], Key=target["objectKey"], Body=out.getvalue())
    params = data["actionConfiguration"]["configuration"]["UserParameters"]
    print("job", job["id"], "account", job["accountId"], "params", params)
    codepipeline.put_job_success_result(jobId=job["id"], outputVariables={"params": params, "account": job["accountId"]})
`;

// AWS's continue_job_later sample, in Node.js with the SDK the runtime carries.
const NODE_CONTINUATION = `import { CodePipelineClient, PutJobSuccessResultCommand } from '@aws-sdk/client-codepipeline';
const client = new CodePipelineClient({});
export const handler = async (event) => {
  const job = event['CodePipeline.job'];
  const token = job.data.continuationToken;
  if (!token) {
    await client.send(new PutJobSuccessResultCommand({ jobId: job.id, continuationToken: 'step-2', executionDetails: { summary: 'half way', percentComplete: 50 } }));
  } else {
    await client.send(new PutJobSuccessResultCommand({ jobId: job.id, outputVariables: { token }, executionDetails: { summary: 'done after ' + token } }));
  }
};
`;

const PYTHON_FAILURE = `import boto3

def lambda_handler(event, context):
    job = event["CodePipeline.job"]
    boto3.client("codepipeline").put_job_failure_result(jobId=job["id"], failureDetails={"type": "JobFailed", "message": "the function said no"})
`;

describe('the Invoke action (Invoke/AWS/Lambda/1)', () => {
  let env: TestEmulator;
  const providers = localTestProviders();
  const probe = executionProbes(() => env.codepipeline());
  const check = () => providers.find((p) => p.type.id.category === 'Test') as LocalTestProvider;
  const createFunction = (name: string, code: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}) =>
    env.client(LambdaClient).send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.13', Role: ROLE, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipOf(code) }, Timeout: 60, ...extra }));

  /** Source -> Invoke (the function) -> Check (a test action reading what came before). */
  async function pipelineInvoking(functionName: string, output: boolean) {
    const name = uniqueName('lam');
    const invoke: ActionDeclaration = {
      name: 'Invoke',
      actionTypeId: { category: 'Invoke', owner: 'AWS', provider: 'Lambda', version: '1' },
      configuration: { FunctionName: functionName, UserParameters: '{"stage":"test"}' },
      inputArtifacts: [{ name: 'SourceArtifact' }],
      outputArtifacts: output ? [{ name: 'FromLambda' }] : [],
      namespace: 'LambdaVariables',
    };
    const stages = [
      { name: 'Invoke', actions: [invoke] },
      { name: 'Check', actions: [testAction('Check', 'Test', {}, { inputArtifacts: [{ name: output ? 'FromLambda' : 'SourceArtifact' }] })] },
    ];
    const id = await probe.create(localPipeline(name, stages));
    return { name, id };
  }

  beforeAll(async () => {
    await ensureLambdaImage();
    env = await startTestEmulator({}, { overrides: { providers } });
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('runs a boto3 function that reads the input, uploads the output and calls put_job_success_result; the next stage runs', { timeout: PIPELINE_TIMEOUT_MS }, async () => {
    const fn = uniqueName('py-action');
    await createFunction(fn, { 'lambda_function.py': PYTHON_ACTION });
    const { name, id } = await pipelineInvoking(fn, true);
    await probe.untilStatus(name, id, 'Succeeded', PIPELINE_TIMEOUT_MS);
    const done = (await probe.actionsByName(name, id)).Invoke;
    expect(done).toMatchObject({ status: 'Succeeded', output: { outputVariables: { params: '{"stage":"test"}', account: TEST_ACCOUNT } } });
    expect(done.output?.executionResult?.externalExecutionUrl).toMatch(new RegExp(`/codepipeline-local/lambda/logs/${TEST_ACCOUNT}/us-east-1/${fn}$`));
    const logUrl = done.output!.executionResult!.externalExecutionUrl!;
    const log = await waitFor(async () => (await fetch(logUrl)).text(), { timeoutMs: PIPELINE_TIMEOUT_MS, description: 'the invocation in the log' }, (text) => text.includes('REPORT RequestId'));
    expect(log).toMatch(/START RequestId: .*\njob [0-9a-f-]{36} account \d{12} params \{"stage":"test"\}/);
    const seen = check().jobs.find((j) => j.pipelineName === name)!;
    expect(zipEntries(seen.inputArtifacts[0].zipPath)).toEqual({ 'from-lambda.txt': 'inputs: Source-Source.txt' });
  });

  it('invokes the function again with the continuation token it returned, until it finishes without one', { timeout: PIPELINE_TIMEOUT_MS }, async () => {
    const fn = uniqueName('node-continue');
    await createFunction(fn, { 'index.mjs': NODE_CONTINUATION }, { Runtime: 'nodejs20.x', Handler: 'index.handler' });
    const { name, id } = await pipelineInvoking(fn, false);
    await probe.untilStatus(name, id, 'Succeeded', PIPELINE_TIMEOUT_MS);
    const done = (await probe.actionsByName(name, id)).Invoke;
    expect(done).toMatchObject({ status: 'Succeeded', output: { outputVariables: { token: 'step-2' }, executionResult: { externalExecutionSummary: 'done after step-2' } } });
    // The action ends when the function reports; its invocation (and log) ends a moment later.
    const logUrl = done.output!.executionResult!.externalExecutionUrl!;
    const log = await waitFor(async () => (await fetch(logUrl)).text(), { timeoutMs: PIPELINE_TIMEOUT_MS, description: 'both invocations in the log' }, (text) => (text.match(/^REPORT RequestId/gm) ?? []).length === 2);
    expect(log.match(/^START RequestId/gm)).toHaveLength(2);
  });

  it('fails the action with the message of put_job_failure_result', { timeout: PIPELINE_TIMEOUT_MS }, async () => {
    const fn = uniqueName('py-fails');
    await createFunction(fn, { 'lambda_function.py': PYTHON_FAILURE });
    const { name, id } = await pipelineInvoking(fn, false);
    await probe.untilStatus(name, id, 'Failed', PIPELINE_TIMEOUT_MS);
    const failed = (await probe.action(name, 'Invoke', 'Invoke')).latestExecution;
    expect(failed).toMatchObject({ status: 'Failed', errorDetails: { code: 'JobFailed', message: 'the function said no' } });
  });

  it('fails the action with the function error when the function throws', { timeout: PIPELINE_TIMEOUT_MS }, async () => {
    const fn = uniqueName('py-throws');
    await createFunction(fn, { 'lambda_function.py': 'def lambda_handler(event, context):\n    raise RuntimeError("no job for me")\n' });
    const { name, id } = await pipelineInvoking(fn, false);
    await probe.untilStatus(name, id, 'Failed', PIPELINE_TIMEOUT_MS);
    const failed = (await probe.action(name, 'Invoke', 'Invoke')).latestExecution;
    expect(failed?.errorDetails).toEqual({ code: 'JobFailed', message: `The AWS Lambda function ${fn} failed to return a result: RuntimeError: no job for me` });
  });

  it('fails the action when no such function exists', { timeout: PIPELINE_TIMEOUT_MS }, async () => {
    const { name, id } = await pipelineInvoking('no-such-function', false);
    await probe.untilStatus(name, id, 'Failed', PIPELINE_TIMEOUT_MS);
    const failed = (await probe.action(name, 'Invoke', 'Invoke')).latestExecution;
    expect(failed?.errorDetails?.code).toBe('ConfigurationError');
    expect(failed?.errorDetails?.message).toContain('Function not found');
  });
});
