import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { awsInScratch } from '../helpers/aws-cli-process.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from './lambda-image.js';
import { requireAwsCli } from '../helpers/aws-cli-required.js';

// `aws lambda create-function --zip-file fileb://...` and `aws lambda invoke`, as a user types them: botocore's
// rest-json serializer and parser, headers (X-Amz-Function-Error, X-Amz-Log-Result) and status codes included.

const INVOKE_TIMEOUT_MS = 120_000;

describe('the AWS CLI against the Lambda API', () => {
  let env: TestEmulator;
  let scratch: string;

  const aws = (...args: string[]) => awsInScratch(env.url, scratch, ['lambda', ...args]);

  beforeAll(async () => {
    requireAwsCli();
    await ensureLambdaImage();
    scratch = mkdtempSync(join(tmpdir(), 'cpl-lambda-cli-'));
    writeFileSync(join(scratch, 'config'), '[default]\n');
    writeFileSync(join(scratch, 'credentials'), '');
    writeFileSync(join(scratch, 'function.zip'), zipOf({ 'lambda_function.py': 'import os\n\ndef lambda_handler(event, context):\n    print("hello from", os.environ["AWS_LAMBDA_FUNCTION_NAME"])\n    if event.get("fail"):\n        raise Exception("asked to fail")\n    return {"statusCode": 200, "body": event}\n' }));
    env = await startTestEmulator();
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('creates a function with --zip-file fileb:// and reads it back', async () => {
    const created = await aws('create-function', '--function-name', 'cli-fn', '--runtime', 'python3.12', '--role', `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-ex`, '--handler', 'lambda_function.lambda_handler', '--zip-file', 'fileb://function.zip');
    expect(created.code, created.stderr).toBe(0);
    expect(created.json).toMatchObject({ FunctionName: 'cli-fn', FunctionArn: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:cli-fn`, Runtime: 'python3.12', State: 'Active', CodeSize: readFileSync(join(scratch, 'function.zip')).length });
    const waited = await aws('wait', 'function-active-v2', '--function-name', 'cli-fn');
    expect(waited.code, waited.stderr).toBe(0);
    const listed = await aws('list-functions');
    expect(listed.json.Functions.map((f: { FunctionName: string }) => f.FunctionName)).toContain('cli-fn');
    const again = await aws('create-function', '--function-name', 'cli-fn', '--runtime', 'python3.12', '--role', `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-ex`, '--handler', 'lambda_function.lambda_handler', '--zip-file', 'fileb://function.zip');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('An error occurred (ResourceConflictException) when calling the CreateFunction operation: Function already exist: cli-fn');
  });

  it('invokes it with `aws lambda invoke`: the payload in the outfile, the log tail on request', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    const run = await aws('invoke', '--function-name', 'cli-fn', '--payload', '{"x": 1}', '--log-type', 'Tail', 'out.json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(run.json.FunctionError).toBeUndefined();
    expect(JSON.parse(readFileSync(join(scratch, 'out.json'), 'utf8'))).toEqual({ statusCode: 200, body: { x: 1 } });
    const tail = Buffer.from(run.json.LogResult, 'base64').toString('utf8');
    expect(tail).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST\n(.*\n)*hello from cli-fn\n(.*\n)*END RequestId: [0-9a-f-]{36}\nREPORT RequestId: /);
  });

  it('reports FunctionError Unhandled and writes the error to the outfile', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    const run = await aws('invoke', '--function-name', 'cli-fn', '--payload', '{"fail": true}', 'err.json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
    expect(JSON.parse(readFileSync(join(scratch, 'err.json'), 'utf8'))).toMatchObject({ errorMessage: 'asked to fail', errorType: 'Exception' });
  });

  it('answers 202 for --invocation-type Event and ResourceNotFoundException for an unknown function', async () => {
    const queued = await aws('invoke', '--function-name', 'cli-fn', '--invocation-type', 'Event', '--payload', '{}', 'event.json');
    expect(queued.json).toMatchObject({ StatusCode: 202 });
    const missing = await aws('invoke', '--function-name', 'nope', 'nope.json');
    expect(missing.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: arn:aws:lambda:us-east-1:');
  });

  it('changes its configuration with update-function-configuration', async () => {
    const updated = await aws('update-function-configuration', '--function-name', 'cli-fn', '--timeout', '30', '--environment', 'Variables={STAGE=dev}');
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.json).toMatchObject({ Timeout: 30, Environment: { Variables: { STAGE: 'dev' } }, LastUpdateStatus: 'Successful' });
    const waited = await aws('wait', 'function-updated-v2', '--function-name', 'cli-fn');
    expect(waited.code, waited.stderr).toBe(0);
  });

  it('deletes the function', async () => {
    const deleted = await aws('delete-function', '--function-name', 'cli-fn');
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await aws('get-function', '--function-name', 'cli-fn');
    expect(gone.stderr).toContain('ResourceNotFoundException');
  });
});
