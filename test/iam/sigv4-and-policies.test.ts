import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, describe, expect, it } from 'vitest';
import { createIam, evaluatePolicies, IamRefusal, parsePolicyDocument, type SignedRequest } from '../../src/iam/index.js';
import { IamStore, openDatabase } from '../../src/store/index.js';
import { NodeSha256 } from '../../src/iam/index.js';


const ROOT = { accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' };
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const dir = mkdtempSync(join(tmpdir(), 'iam-test-'));
const db = openDatabase(dir);
const iam = createIam(new IamStore(db), '000000000000', ROOT, () => NOW);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signed(opts: { service: string; method?: string; path?: string; query?: Record<string, string>; body?: string; headers?: Record<string, string>; secret?: string; at?: number; presign?: boolean; keyId?: string; sessionToken?: string }): Promise<SignedRequest> {
  const signer = new SignatureV4({ service: opts.service, region: 'us-east-1', sha256: NodeSha256, uriEscapePath: opts.service !== 's3', credentials: { accessKeyId: opts.keyId ?? ROOT.accessKeyId, secretAccessKey: opts.secret ?? ROOT.secretAccessKey, sessionToken: opts.sessionToken } });
  const request = { method: opts.method ?? 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4599, path: opts.path ?? '/', query: opts.query ?? {}, headers: { host: '127.0.0.1:4599', ...opts.headers }, body: opts.body };
  const out = opts.presign ? await signer.presign(request, { signingDate: new Date(opts.at ?? NOW), expiresIn: 300 }) : await signer.sign(request, { signingDate: new Date(opts.at ?? NOW) });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(out.query ?? {})) query.append(k, String(v));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = v;
  return { method: out.method, path: out.path, query, headers, body: Buffer.from(opts.body ?? '') };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => (e instanceof IamRefusal ? { code: e.code, message: e.message } : e));

describe('SigV4 verification (with the SDK signer)', () => {
  it('accepts a JSON call signed with the root key and names the root', async () => {
    const req = await signed({ service: 'codepipeline', body: '{}', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodePipeline_20150709.ListPipelines' } });
    expect(await iam.authenticator.authenticate(req)).toMatchObject({ kind: 'root', arn: 'arn:aws:iam::000000000000:root' });
  });

  it('refuses a wrong secret, an unknown key and a skewed clock with AWS wording', async () => {
    expect(await refusal(iam.authenticator.authenticate(await signed({ service: 'codepipeline', body: '{}', secret: 'wrong' })))).toMatchObject({ code: 'BadSignature', message: expect.stringMatching(/^The request signature we calculated does not match/) });
    expect(await refusal(iam.authenticator.authenticate(await signed({ service: 'codepipeline', body: '{}', keyId: 'AKIANOBODY' })))).toEqual({ code: 'UnknownKey', message: 'The security token included in the request is invalid.' });
    expect(await refusal(iam.authenticator.authenticate(await signed({ service: 'codepipeline', body: '{}', at: NOW - 20 * 60_000 })))).toEqual({
      code: 'Skewed',
      message: 'Signature expired: 20261206T114000Z is now earlier than 20261206T114500Z (20261206T120000Z - 15 min.)',
    });
  });

  it('refuses a body changed after signing', async () => {
    const req = await signed({ service: 'codepipeline', body: '{"a":1}' });
    expect(await refusal(iam.authenticator.authenticate({ ...req, body: Buffer.from('{"a":2}') }))).toMatchObject({ code: 'BadSignature' });
  });

  it("accepts S3 calls: UNSIGNED-PAYLOAD with an encoded key, and a presigned GET", async () => {
    const put = await signed({ service: 's3', method: 'PUT', path: '/bucket/a%20b/c.txt', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(await iam.authenticator.authenticate({ ...put, body: Buffer.alloc(0) })).toMatchObject({ kind: 'root' });
    const get = await signed({ service: 's3', method: 'GET', path: '/bucket/key.txt', presign: true, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(get.headers.authorization).toBeUndefined();
    expect(await iam.authenticator.authenticate(get)).toMatchObject({ kind: 'root' });
    const expired = await signed({ service: 's3', method: 'GET', path: '/bucket/key.txt', presign: true, at: NOW - 600_000 });
    expect(await refusal(iam.authenticator.authenticate(expired))).toEqual({ code: 'RequestExpired', message: 'Request has expired' });
  });

  it('knows a user key, and session keys from AssumeRole until they expire', async () => {
    const user = iam.users.create('000000000000', 'dev');
    const key = iam.users.createKey('000000000000', 'dev');
    expect(await iam.authenticator.authenticate(await signed({ service: 'sts', body: 'Action=GetCallerIdentity', keyId: key.accessKeyId, secret: key.secretAccessKey }))).toMatchObject({ kind: 'user', arn: user.arn });
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: user.arn }, Action: 'sts:AssumeRole' }] });
    const role = iam.roles.create('000000000000', 'deployer', { assumeRolePolicyDocument: trust });
    const root = await iam.authenticator.authenticate(await signed({ service: 'sts', body: '' }));
    expect(() => iam.sessions.assume(root, role.arn, 's')).toThrow(`User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`);
    const dev = await iam.authenticator.authenticate(await signed({ service: 'sts', body: '', keyId: key.accessKeyId, secret: key.secretAccessKey }));
    const session = iam.sessions.assume(dev, role.arn, 'ci', 900);
    expect(session.assumedRoleArn).toBe('arn:aws:sts::000000000000:assumed-role/deployer/ci');
    const { accessKeyId, secretAccessKey, session: s } = session.credentials;
    expect(await iam.authenticator.authenticate(await signed({ service: 'sts', body: '', keyId: accessKeyId, secret: secretAccessKey, sessionToken: s.sessionToken }))).toMatchObject({ kind: 'assumed-role', name: 'deployer' });
    expect(await refusal(iam.authenticator.authenticate(await signed({ service: 'sts', body: '', keyId: accessKeyId, secret: secretAccessKey, sessionToken: 'other' })))).toMatchObject({ code: 'UnknownKey' });
  });
});

describe('policy evaluation', () => {
  const doc = (Statement: object[]) => parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement }), 'identity');
  const req = (action: string, resource: string, context: Record<string, string[]> = {}) => ({ action, resource, context });

  it('allows what a statement allows, wildcards and case-insensitive actions included; nothing else', () => {
    const p = doc([{ Effect: 'Allow', Action: 'codepipeline:Get*', Resource: 'arn:aws:codepipeline:us-east-1:000000000000:app-*' }]);
    expect(evaluatePolicies([p], req('codepipeline:getpipeline', 'arn:aws:codepipeline:us-east-1:000000000000:app-1'))).toBe('Allow');
    expect(evaluatePolicies([p], req('codepipeline:StartPipelineExecution', 'arn:aws:codepipeline:us-east-1:000000000000:app-1'))).toBe('ImplicitDeny');
    expect(evaluatePolicies([p], req('codepipeline:GetPipeline', 'arn:aws:codepipeline:us-east-1:000000000000:other'))).toBe('ImplicitDeny');
  });

  it('lets an explicit deny win over any allow, and reads NotAction/NotResource', () => {
    const admin = doc([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]);
    const deny = doc([{ Effect: 'Deny', Action: 'codepipeline:PutApprovalResult', NotResource: 'arn:aws:codepipeline:us-east-1:000000000000:app/Approve/*' }]);
    expect(evaluatePolicies([admin, deny], req('codepipeline:PutApprovalResult', 'arn:aws:codepipeline:us-east-1:000000000000:app/Approve/Manual'))).toBe('Allow');
    expect(evaluatePolicies([admin, deny], req('codepipeline:PutApprovalResult', 'arn:aws:codepipeline:us-east-1:000000000000:other/Approve/Manual'))).toBe('ExplicitDeny');
    expect(evaluatePolicies([admin], req('iam:CreateUser', '*'))).toBe('ImplicitDeny');
  });

  it('checks conditions: StringEquals on a tag, IpAddress, IfExists and ForAllValues', () => {
    const p = doc([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' }, IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } } }]);
    expect(evaluatePolicies([p], req('s3:GetObject', '*', { 'aws:resourcetag/team': ['a'] }))).toBe('Allow');
    expect(evaluatePolicies([p], req('s3:GetObject', '*', { 'aws:resourcetag/team': ['b'] }))).toBe('ImplicitDeny');
    expect(evaluatePolicies([p], req('s3:GetObject', '*', { 'aws:resourcetag/team': ['a'], 'aws:sourceip': ['192.168.1.1'] }))).toBe('ImplicitDeny');
    expect(evaluatePolicies([p], req('s3:GetObject', '*', { 'aws:resourcetag/team': ['a'], 'aws:sourceip': ['10.1.2.3'], 'aws:tagkeys': ['team', 'owner'] }))).toBe('ImplicitDeny');
  });

  it('refuses malformed documents as IAM does', () => {
    expect(() => parsePolicyDocument('{nope', 'identity')).toThrow('Syntax errors in policy.');
    expect(() => parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*' }] }), 'identity')).toThrow('Policy statement must contain resources.');
    expect(() => parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Principal: '*' }] }), 'identity')).toThrow('Policy document should not specify a principal.');
  });
});
