import { GetPolicyCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';

describe('the Lambda API', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => {
    await env.close();
  });

  describe('when an operation has no handler yet', () => {
    it.each([
      ['GetPolicy', new GetPolicyCommand({ FunctionName: 'my-function' })],
      ['ListEventSourceMappings', new ListEventSourceMappingsCommand({ FunctionName: 'my-function' })],
    ])('answers NotImplementedException naming %s, not an S3 error', async (operation, command) => {
      const error = await env
        .client(LambdaClient)
        .send(command as GetPolicyCommand)
        .then(
          () => undefined,
          (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
        );
      expect(error?.name).toBe('NotImplementedException');
      expect(error?.message).toContain(operation);
    });
  });

  describe('when S3 is called beside it', () => {
    it('still routes S3 calls to S3', async () => {
      const out = await env.client(S3Client).send(new ListBucketsCommand({}));
      expect(out.Buckets ?? []).toEqual([]);
    });
  });
});
