import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
const zipOf = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
const HANDLER_ZIP = zipOf({ 'index.mjs': 'export const handler = async (event) => ({ echo: event });' });

async function refusal(work: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return work.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: Error) => e,
  );
}

describe('the Lambda API (functions)', () => {
  let env: TestEmulator;
  let lambda: LambdaClient;
  const create = (name: string, extra: Partial<CreateFunctionCommandInput> = {}) =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: HANDLER_ZIP }, ...extra }));

  beforeAll(async () => {
    env = await startTestEmulator();
    lambda = env.client(LambdaClient);
  });
  afterAll(async () => {
    await env.close();
  });

  describe('when a function is created from a zip', () => {
    it('answers its configuration as Lambda does, Active at once', async () => {
      const out = await create('fn-create', { Environment: { Variables: { GREETING: 'hi' } }, Timeout: 10, MemorySize: 256, Description: 'd' });
      expect(out).toMatchObject({
        FunctionName: 'fn-create',
        FunctionArn: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:fn-create`,
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        CodeSize: HANDLER_ZIP.length,
        CodeSha256: createHash('sha256').update(HANDLER_ZIP).digest('base64'),
        Description: 'd',
        Timeout: 10,
        MemorySize: 256,
        Version: '$LATEST',
        Environment: { Variables: { GREETING: 'hi' } },
        State: 'Active',
        LastUpdateStatus: 'Successful',
        PackageType: 'Zip',
        Architectures: ['x86_64'],
      });
      expect(out.$metadata.httpStatusCode).toBe(201);
      expect(out.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(out.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('gives the defaults: 3 seconds and 128 MB', async () => {
      const out = await create('fn-defaults');
      expect(out).toMatchObject({ Timeout: 3, MemorySize: 128, Description: '' });
      expect(out.Environment).toBeUndefined();
    });

    it('refuses a second function of the same name with ResourceConflictException', async () => {
      await create('fn-twice');
      const error = await refusal(create('fn-twice'));
      expect(error.name).toBe('ResourceConflictException');
      expect(error.message).toBe('Function already exist: fn-twice');
      expect(error.$metadata?.httpStatusCode).toBe(409);
    });

    it.each([
      ['a runtime the emulator does not run', { Runtime: 'java21' as const }, /java21/],
      ['a zip that is not one', { Code: { ZipFile: strToU8('not a zip') } }, /^Could not unzip uploaded file/],
      ['a zip naming a path outside its folder', { Code: { ZipFile: zipOf({ '../evil.js': 'x' }) } }, /Could not unzip uploaded file/],
      ['a reserved environment variable', { Environment: { Variables: { AWS_REGION: 'x' } } }, /Reserved keys used in this request: AWS_REGION/],
      ['a timeout over 900 seconds', { Timeout: 901 }, /900/],
    ])('refuses %s with InvalidParameterValueException', async (_what, extra, message) => {
      const error = await refusal(create(`fn-bad-${Math.random().toString(36).slice(2, 8)}`, extra));
      expect(error.name).toBe('InvalidParameterValueException');
      expect(error.message).toMatch(message);
    });

    it('refuses a name outside the model pattern (so no `..` reaches a path)', async () => {
      const error = await refusal(create('../fn'));
      expect(error.name).toBe('ValidationException');
    });
  });

  describe('when functions are read', () => {
    it('GetFunction answers the configuration and a Location serving the zip', async () => {
      await create('fn-get', { Tags: { team: 'a' } });
      const out = await lambda.send(new GetFunctionCommand({ FunctionName: 'fn-get' }));
      expect(out.Configuration?.FunctionName).toBe('fn-get');
      expect(out.Code?.RepositoryType).toBe('S3');
      expect(out.Tags).toEqual({ team: 'a' });
      const zip = Buffer.from(await (await fetch(out.Code!.Location!)).arrayBuffer());
      expect(zip.equals(Buffer.from(HANDLER_ZIP))).toBe(true);
    });

    it('GetFunctionConfiguration takes the function ARN too', async () => {
      const arn = (await create('fn-by-arn')).FunctionArn!;
      const out = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn }));
      expect(out.FunctionArn).toBe(arn);
    });

    it('answers ResourceNotFoundException naming the ARN for an unknown function', async () => {
      const error = await refusal(lambda.send(new GetFunctionCommand({ FunctionName: 'fn-missing' })));
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toBe(`Function not found: arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:fn-missing`);
      expect(error.$metadata?.httpStatusCode).toBe(404);
    });

    it('ListFunctions pages in name order with NextMarker', async () => {
      const region = 'eu-west-3';
      const client = env.client(LambdaClient, region);
      for (const name of ['list-c', 'list-a', 'list-b']) {
        await client.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.13', Role: ROLE, Handler: 'app.handler', Code: { ZipFile: zipOf({ 'app.py': 'def handler(e, c):\n  return e\n' }) } }));
      }
      const first = await client.send(new ListFunctionsCommand({ MaxItems: 2 }));
      expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['list-a', 'list-b']);
      const second = await client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
      expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['list-c']);
      expect(second.NextMarker).toBeUndefined();
    });
  });

  describe('when a function is tagged', () => {
    it('TagResource, UntagResource and ListTags change and read its tags, not its RevisionId', async () => {
      const created = await create('fn-tags', { Tags: { team: 'a' } });
      const Resource = created.FunctionArn!;
      await lambda.send(new TagResourceCommand({ Resource, Tags: { env: 'dev', team: 'b' } }));
      expect((await lambda.send(new ListTagsCommand({ Resource }))).Tags).toEqual({ team: 'b', env: 'dev' });
      await lambda.send(new UntagResourceCommand({ Resource, TagKeys: ['team'] }));
      expect((await lambda.send(new ListTagsCommand({ Resource }))).Tags).toEqual({ env: 'dev' });
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'fn-tags' }))).Configuration?.RevisionId).toBe(created.RevisionId);
      const missing = await refusal(lambda.send(new ListTagsCommand({ Resource: `${Resource}-gone` })));
      expect(missing.name).toBe('ResourceNotFoundException');
    });
  });

  describe('when a function is changed', () => {
    it('UpdateFunctionCode gives a new CodeSha256 and RevisionId', async () => {
      const before = await create('fn-code');
      const zip = zipOf({ 'index.mjs': 'export const handler = async () => 2;' });
      const after = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn-code', ZipFile: zip }));
      expect(after.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
      expect(after.RevisionId).not.toBe(before.RevisionId);
    });

    it('UpdateFunctionConfiguration changes only what it names, and checks RevisionId', async () => {
      const before = await create('fn-config', { Timeout: 5 });
      const after = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn-config', MemorySize: 512, Environment: { Variables: { AB: '1' } } }));
      expect(after).toMatchObject({ Timeout: 5, MemorySize: 512, Environment: { Variables: { AB: '1' } } });
      const error = await refusal(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn-config', Timeout: 6, RevisionId: before.RevisionId })));
      expect(error.name).toBe('PreconditionFailedException');
    });

    it('DeleteFunction answers 204 and the function is gone', async () => {
      await create('fn-delete');
      const out = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn-delete' }));
      expect(out.StatusCode).toBe(204);
      const error = await refusal(lambda.send(new GetFunctionCommand({ FunctionName: 'fn-delete' })));
      expect(error.name).toBe('ResourceNotFoundException');
    });
  });
});

describe('the Lambda API after a restart', () => {
  it('still has the function, its configuration and its code', async () => {
    const first = await startTestEmulator();
    const dataDir = first.dataDir;
    const created = await first.client(LambdaClient).send(
      new CreateFunctionCommand({ FunctionName: 'fn-durable', Runtime: 'python3.12', Role: ROLE, Handler: 'app.handler', Code: { ZipFile: HANDLER_ZIP }, Environment: { Variables: { KEEP: 'me' } } }),
    );
    // Closed without close(), which would remove the data directory the second start opens.
    first.client(LambdaClient).destroy();
    await first.emulator.close();
    const second = await startTestEmulator({ dataDir });
    try {
      const out = await second.client(LambdaClient).send(new GetFunctionCommand({ FunctionName: 'fn-durable' }));
      expect(out.Configuration).toMatchObject({ CodeSha256: created.CodeSha256, RevisionId: created.RevisionId, Environment: { Variables: { KEEP: 'me' } } });
      const zip = Buffer.from(await (await fetch(out.Code!.Location!)).arrayBuffer());
      expect(zip.equals(Buffer.from(HANDLER_ZIP))).toBe(true);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('Invoke when Docker cannot be reached', () => {
  it('answers ServiceException saying why, not a stack trace', async () => {
    const env = await startTestEmulator({ dockerHost: '/nonexistent/codepipeline-local-docker.sock' });
    try {
      const lambda = env.client(LambdaClient);
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'fn-no-docker', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: HANDLER_ZIP } }));
      const error = await refusal(lambda.send(new InvokeCommand({ FunctionName: 'fn-no-docker' })));
      expect(error.name).toBe('ServiceException');
      expect(error.$metadata?.httpStatusCode).toBe(500);
      expect(error.message).toMatch(/^codepipeline-local could not run the function: .*nonexistent/);
    } finally {
      await env.close();
    }
  });
});

describe('the Lambda API with code in S3', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => {
    await env.close();
  });

  it('creates and updates a function from a zip in the emulator\'s S3', async () => {
    const s3 = env.client(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'lambda-code' }));
    await s3.send(new PutObjectCommand({ Bucket: 'lambda-code', Key: 'v1.zip', Body: HANDLER_ZIP }));
    const lambda = env.client(LambdaClient);
    const created = await lambda.send(new CreateFunctionCommand({ FunctionName: 'fn-s3', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'lambda-code', S3Key: 'v1.zip' } }));
    expect(created.CodeSha256).toBe(createHash('sha256').update(HANDLER_ZIP).digest('base64'));
    const v2 = zipOf({ 'index.mjs': 'export const handler = async () => 2;' });
    await s3.send(new PutObjectCommand({ Bucket: 'lambda-code', Key: 'v2.zip', Body: v2 }));
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn-s3', S3Bucket: 'lambda-code', S3Key: 'v2.zip' }));
    expect(updated.CodeSize).toBe(v2.length);
  });

  it('refuses a key that is not there as Lambda does', async () => {
    const error = await refusal(
      env.client(LambdaClient).send(new CreateFunctionCommand({ FunctionName: 'fn-s3-missing', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'lambda-code', S3Key: 'nope.zip' } })),
    );
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
  });
});
