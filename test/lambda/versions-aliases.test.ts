import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from './lambda-image.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
const INVOKE_TIMEOUT_MS = 120_000;
const code = (answer: string) => ({ 'index.mjs': `export const handler = async () => ({ answer: '${answer}', version: process.env.AWS_LAMBDA_FUNCTION_VERSION });` });
const payloadOf = (out: InvokeCommandOutput) => JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'));

describe('Lambda versions and aliases', () => {
  let env: TestEmulator;
  let lambda: LambdaClient;
  const arn = (name: string) => `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:${name}`;

  beforeAll(async () => {
    await ensureLambdaImage();
    env = await startTestEmulator();
    lambda = env.client(LambdaClient);
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('publishes numbered immutable versions; an unchanged function publishes none', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'versioned', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(code('one')) } }));
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned', Description: 'first' }));
    expect(v1).toMatchObject({ Version: '1', FunctionArn: `${arn('versioned')}:1`, Description: 'first' });
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }))).Version).toBe('1');
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'versioned', ZipFile: zipOf(code('two')) }));
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    expect(v2.Version).toBe('2');
    expect(v2.CodeSha256).not.toBe(v1.CodeSha256);
    // A published version is immutable: a change named by a version is refused, and $LATEST is the function itself.
    await expect(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: `${arn('versioned')}:1`, ZipFile: zipOf(code('three')) }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Current operation does not support versions other than $LATEST. Please set version to $LATEST or do not set a version in your ARN.',
    });
    await expect(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'versioned:1', Description: 'changed' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'versioned' }))).Configuration?.CodeSha256).toBe(v2.CodeSha256);
    expect((await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'versioned:$LATEST', Description: 'latest' }))).Description).toBe('latest');
    const listed = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'versioned' }));
    expect(listed.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'versioned', Qualifier: '1' }));
    expect(got.Configuration).toMatchObject({ Version: '1', CodeSha256: v1.CodeSha256 });
    // Code.Location serves the version's own zip, not $LATEST's.
    const zip = Buffer.from(await (await fetch(got.Code!.Location!)).arrayBuffer());
    expect(createHash('sha256').update(zip).digest('base64')).toBe(v1.CodeSha256);
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'versioned', Qualifier: '9' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${arn('versioned')}:9`,
    });
    await expect(lambda.send(new PublishVersionCommand({ FunctionName: 'versioned', RevisionId: 'stale' }))).rejects.toMatchObject({ name: 'PreconditionFailedException' });
  });

  it('creates, updates, lists and deletes aliases with AWS errors', async () => {
    const created = await lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1', Description: 'production' }));
    expect(created).toMatchObject({ AliasArn: `${arn('versioned')}:live`, Name: 'live', FunctionVersion: '1', Description: 'production' });
    await expect(lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1' }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `Alias already exists: ${arn('versioned')}:live`,
    });
    await expect(lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'next', FunctionVersion: '7' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'versioned', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: 'Invalid function version 1. Function version 1 is already included in routing configuration.' });
    const routed = await lambda.send(new UpdateAliasCommand({ FunctionName: 'versioned', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }));
    expect(routed.RoutingConfig).toEqual({ AdditionalVersionWeights: { '2': 0.1 } });
    expect(routed.RevisionId).not.toBe(created.RevisionId);
    expect(await lambda.send(new GetAliasCommand({ FunctionName: 'versioned', Name: 'live' }))).toMatchObject({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } });
    const throughAlias = await lambda.send(new GetFunctionCommand({ FunctionName: 'versioned', Qualifier: 'live' }));
    expect(throughAlias.Configuration).toMatchObject({ FunctionArn: `${arn('versioned')}:live`, Version: '1' });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'beta', FunctionVersion: '2' }));
    expect((await lambda.send(new ListAliasesCommand({ FunctionName: 'versioned' }))).Aliases?.map((a) => a.Name)).toEqual(['beta', 'live']);
    expect((await lambda.send(new ListAliasesCommand({ FunctionName: 'versioned', FunctionVersion: '2' }))).Aliases?.map((a) => a.Name)).toEqual(['beta']);
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: 'versioned', Qualifier: '2' }))).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'versioned', Name: 'beta' }));
    await expect(lambda.send(new GetAliasCommand({ FunctionName: 'versioned', Name: 'beta' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Cannot find alias arn: ${arn('versioned')}:beta`,
    });
  });

  it('invokes a version, an alias and a qualified ARN, each running its own code', { timeout: INVOKE_TIMEOUT_MS }, async () => {
    await lambda.send(new UpdateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: {} } }));
    const byVersion = await lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: '2' }));
    expect(byVersion.ExecutedVersion).toBe('2');
    expect(payloadOf(byVersion)).toEqual({ answer: 'two', version: '2' });
    const byAlias = await lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: 'live' }));
    expect(byAlias.ExecutedVersion).toBe('1');
    expect(payloadOf(byAlias)).toEqual({ answer: 'one', version: '1' });
    // All of the alias's traffic routed to version 2: every invocation runs it.
    await lambda.send(new UpdateAliasCommand({ FunctionName: 'versioned', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 1 } } }));
    const byArn = await lambda.send(new InvokeCommand({ FunctionName: `${arn('versioned')}:live` }));
    expect(byArn.ExecutedVersion).toBe('2');
    expect(payloadOf(byArn).answer).toBe('two');
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
