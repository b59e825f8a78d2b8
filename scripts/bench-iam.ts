/**
 * The cost --iam adds to each request, measured in-process: the AccessGuard's SigV4 verification (the request's
 * canonical form and HMAC chain computed again) and policy evaluation (a user with an inline policy and a group's
 * managed policy), for a CodePipeline GetPipeline call signed by the AWS SDK's own signer.
 *
 * Environment: BENCH_ITERATIONS (requests per batch, default 2000), BENCH_BATCHES (default 7; the median is shown).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { AccessGuard } from '../src/api/access-control/index.js';
import { createIam } from '../src/iam/index.js';
import { IamStore, openDatabase } from '../src/store/index.js';
import { median, progress } from './bench-common.js';
import { NodeSha256 } from '../src/iam/index.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 7);
const ACCOUNT = '000000000000';


async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-iam-'));
  const db = openDatabase(dir);
  try {
    const store = new IamStore(db);
    const iam = createIam(store, ACCOUNT, { accessKeyId: 'AKIAROOTBENCHROOT000', secretAccessKey: 'root' }, Date.now);
    iam.users.create(ACCOUNT, 'bench');
    iam.policies.putInline(ACCOUNT, 'user', 'bench', 'read', JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Deny', Action: 'codepipeline:DeletePipeline', Resource: '*' },
      { Effect: 'Allow', Action: ['codepipeline:Get*', 'codepipeline:List*'], Resource: `arn:aws:codepipeline:us-east-1:${ACCOUNT}:*`, Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
    ] }));
    iam.users.createGroup(ACCOUNT, 'devs');
    iam.users.setMembership(ACCOUNT, 'devs', 'bench', true);
    iam.policies.attach(ACCOUNT, 'group', 'devs', 'arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess');
    const key = iam.users.createKey(ACCOUNT, 'bench');
    const guard = new AccessGuard({ iam, store, now: Date.now });

    const body = JSON.stringify({ name: 'bench' });
    const signer = new SignatureV4({ service: 'codepipeline', region: 'us-east-1', sha256: NodeSha256, credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4599, path: '/', query: {}, headers: { host: '127.0.0.1:4599', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodePipeline_20150709.GetPipeline' }, body });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
    const req = { method: 'POST', path: '/', query: new URLSearchParams(), headers, body: Buffer.from(body), sourceIp: '127.0.0.1' };
    const metadata = { apiVersion: '2015-07-09', serviceId: 'CodePipeline', protocol: 'json' as const, signingName: 'codepipeline', targetPrefix: 'CodePipeline_20150709' };
    const base = { requestId: 'r', accessKeyId: key.accessKeyId, account: ACCOUNT, region: 'us-east-1', principalArn: '' };

    const verify: number[] = [];
    const evaluate: number[] = [];
    for (let batch = 0; batch < BATCHES; batch++) {
      let ctx = base;
      let t = performance.now();
      for (let i = 0; i < ITERATIONS; i++) ctx = await guard.authenticate(req, metadata, base);
      verify.push(((performance.now() - t) * 1000) / ITERATIONS);
      t = performance.now();
      for (let i = 0; i < ITERATIONS; i++) guard.authorize(ctx, metadata, 'GetPipeline', { name: 'bench' });
      evaluate.push(((performance.now() - t) * 1000) / ITERATIONS);
      progress(`batch ${batch + 1}/${BATCHES}: verification ${verify.at(-1)!.toFixed(1)} µs, evaluation ${evaluate.at(-1)!.toFixed(1)} µs per request`);
    }
    console.log(`--iam cost per request (in-process, ${ITERATIONS} requests x ${BATCHES} batches, medians, node ${process.version}):`);
    console.log(`  SigV4 verification (AccessGuard.authenticate): ${median(verify).toFixed(1)} µs`);
    console.log(`  policy evaluation  (AccessGuard.authorize, a user with an inline and a group's managed policy): ${median(evaluate).toFixed(1)} µs`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
