import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';

import { AMZ_JSON, rawJsonCall, signedAuthorization } from '../../helpers/raw-json.js';

/** `{"a": {"a": ... 1 ...}}` nested `depth` levels, built as text so the test itself never recurses. */
function deepObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('the API under hostile input', () => {
  let env: TestEmulator;
  const call = (target: string, body: string, headers: Record<string, string> = {}) => rawJsonCall(env.url, target, body, headers);

  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => env.close());

  describe('when a member holds an object nested 10,000 deep', () => {
    it.each([
      ['CodePipeline_20150709.GetPipeline', (deep: string) => `{"name": ${deep}}`],
      ['CodePipeline_20150709.CreatePipeline', (deep: string) => `{"pipeline": {"name": "p", "stages": [${deep}]}}`],
      ['CodePipeline_20150709.TagResource', (deep: string) => `{"resourceArn": "arn:aws:codepipeline:us-east-1:000000000000:p", "tags": [${deep}]}`],
      ['CodeBuild_20161006.CreateProject', (deep: string) => `{"name": "p", "source": ${deep}}`],
    ])('%s answers 400 SerializationException', async (target, body) => {
      const res = await call(target, body(deepObject(10_000)));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ __type: 'SerializationException', message: expect.stringContaining('nests deeper than') });
    });

    it('still answers ordinary calls afterwards', async () => {
      expect((await call('CodePipeline_20150709.ListPipelines', '{}')).status).toBe(200);
    });
  });

  describe('when the target names a property every JavaScript object has', () => {
    it.each(['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString', 'isPrototypeOf'])('CodePipeline_20150709.%s is UnknownOperationException', async (name) => {
      const res = await call(`CodePipeline_20150709.${name}`, '{}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ __type: 'UnknownOperationException', message: `Unknown operation CodePipeline_20150709.${name}` });
    });
  });

  describe('when a body has a __proto__ member', () => {
    it('does not read members through it', async () => {
      const res = await call('CodePipeline_20150709.GetPipeline', '{"__proto__": {"name": "smuggled"}}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ __type: 'ValidationException', message: expect.stringContaining("Value at 'name' failed to satisfy constraint: Member must not be null") });
    });
  });

  describe('when the credential scope names no region', () => {
    it.each(['..', '<svg>', 'US-EAST-1', 'us-east-1\\x00', 'x'.repeat(300)])('refuses region %j with InvalidSignatureException and makes no folder', async (region) => {
      const res = await call('CodeCommit_20150413.CreateRepository', '{"repositoryName": "victim"}', { Authorization: signedAuthorization(region, undefined, 'codecommit') });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ __type: 'InvalidSignatureException', message: expect.stringContaining('Credential should be scoped to a valid region') });
      const gitRoot = join(env.dataDir, 'git');
      const made = existsSync(gitRoot) ? readdirSync(gitRoot, { recursive: true }).map(String) : [];
      expect(made.filter((p) => p.includes('victim'))).toEqual([]);
    });

    it('accepts the regions AWS has, partitions included', async () => {
      for (const region of ['us-east-1', 'us-gov-west-1', 'ap-southeast-7', 'cn-north-1']) {
        const res = await call('CodePipeline_20150709.ListPipelines', '{}', { Authorization: signedAuthorization(region) });
        expect(res.status, region).toBe(200);
      }
    });
  });

  describe('when the Host header names a foreign site (DNS rebinding)', () => {
    it('refuses the API with 403 and a message that says why', async () => {
      const res = await call('CodePipeline_20150709.ListPipelines', '{}', { Host: 'attacker.example:4599' });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ __type: 'InvalidHostHeader', message: expect.stringContaining("The Host header 'attacker.example:4599'") });
    });

    it('refuses the console and git routes too', async () => {
      expect((await request(env.url).get('/console/').set('Host', 'attacker.example')).status).toBe(403);
      expect((await request(env.url).get('/v1/repos/x/info/refs?service=git-upload-pack').set('Host', 'attacker.example')).status).toBe(403);
    });

    it('accepts IP addresses, localhost and its subdomains', async () => {
      for (const host of ['127.0.0.1:4599', 'localhost:4599', 'LOCALHOST', 'bucket.localhost:4599', '[::1]:4599', '10.0.0.5']) {
        const res = await call('CodePipeline_20150709.ListPipelines', '{}', { Host: host });
        expect(res.status, host).toBe(200);
      }
    });
  });
});

describe('the API with --allowed-hosts', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator({ allowedHosts: ['ci-box.lan'] });
  });
  afterAll(async () => env.close());

  it('accepts the names it was given, and no others', async () => {
    const send = (host: string) =>
      request(env.url).post('/').set('Content-Type', AMZ_JSON).set('X-Amz-Target', 'CodePipeline_20150709.ListPipelines').set('Host', host).send('{}');
    expect((await send('ci-box.lan:4599')).status).toBe(200);
    expect((await send('other.lan:4599')).status).toBe(403);
  });
});
