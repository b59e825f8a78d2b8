/**
 * Job hand-out benchmark: how long a job worker waits, after PutJobSuccessResult finishes one custom action, until the
 * job of the next action can be polled (the next action InProgress with its job queued). An in-process emulator runs a
 * pipeline of a custom source and STAGES custom actions in a row; one worker polls as fast as it can (no sleep), so the
 * time measured is the emulator's (the engine moving on, the job made) plus one poll round trip. Target: under 50 ms.
 * Then Lambda: cold and warm Invoke times against `docker run` of the same handler (scripts/bench-lambda.ts).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AcknowledgeJobCommand,
  CodePipelineClient,
  CreateCustomActionTypeCommand,
  CreatePipelineCommand,
  PollForJobsCommand,
  PutJobSuccessResultCommand,
  type ActionTypeId,
  type Job,
} from '@aws-sdk/client-codepipeline';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config.js';
import { startEmulator } from '../src/main.js';
import { createLogger } from '../src/shared/index.js';
import { median, percentile, progress } from './bench-common.js';
import { benchLambda } from './bench-lambda.js';

const STAGES = 20;
const RUNS = 3;
const SOURCE: ActionTypeId = { category: 'Source', owner: 'Custom', provider: 'BenchSource', version: '1' };
const STEP: ActionTypeId = { category: 'Build', owner: 'Custom', provider: 'BenchStep', version: '1' };

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-bench-jobs-'));
  const emulator = await startEmulator(readConfig({ port: '0', dataDir: join(dir, 'data') }, {}, false), createLogger({ level: process.env.BENCH_LOG ?? 'silent' }));
  const credentials = { accessKeyId: '000000000000', secretAccessKey: 's' };
  const client = new CodePipelineClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
  const s3 = new S3Client({ endpoint: emulator.url, region: 'us-east-1', credentials, forcePathStyle: true });
  const poll = async (actionTypeId: ActionTypeId): Promise<Job> => {
    for (;;) {
      const [job] = (await client.send(new PollForJobsCommand({ actionTypeId, maxBatchSize: 1 }))).jobs ?? [];
      if (job) return job;
    }
  };
  try {
    for (const [id, outputs] of [[SOURCE, 1], [STEP, 0]] as const) {
      const details = { minimumCount: 0, maximumCount: 1 };
      await client.send(new CreateCustomActionTypeCommand({ ...id, inputArtifactDetails: details, outputArtifactDetails: { minimumCount: outputs, maximumCount: 1 } }));
    }
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const name = `bench-jobs-${run}`;
      progress(`run ${run + 1}/${RUNS}: ${STAGES} custom actions in a row`);
      const stages = [
        { name: 'Source', actions: [{ name: 'Source', actionTypeId: SOURCE, outputArtifacts: [{ name: 'Src' }] }] },
        ...Array.from({ length: STAGES }, (_, i) => ({ name: `Step${i}`, actions: [{ name: 'Step', actionTypeId: STEP }] })),
      ];
      await client.send(new CreatePipelineCommand({ pipeline: { name, roleArn: 'arn:aws:iam::000000000000:role/cp', artifactStore: { type: 'S3', location: 'bench-artifacts' }, stages } }));
      const source = await poll(SOURCE);
      const out = source.data!.outputArtifacts![0].location!.s3Location!;
      await s3.send(new PutObjectCommand({ Bucket: out.bucketName, Key: out.objectKey, Body: zipSync({ 'a.txt': strToU8('bench') }) }));
      let job = source;
      for (let i = 0; i <= STAGES; i++) {
        await client.send(new AcknowledgeJobCommand({ jobId: job.id, nonce: job.nonce }));
        const finished = performance.now();
        await client.send(new PutJobSuccessResultCommand({ jobId: job.id }));
        if (i === STAGES) break;
        job = await poll(STEP);
        samples.push(performance.now() - finished);
      }
    }
    console.log(`\nJob hand-out: PutJobSuccessResult of one custom action -> the next action's job polled (${samples.length} hand-outs, one worker polling without pause)\n`);
    console.log(`  median ${median(samples).toFixed(1)} ms   p95 ${percentile(samples, 0.95)} ms   max ${Math.max(...samples).toFixed(1)} ms   (target: under 50 ms)`);
    await benchLambda(emulator.url);
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine may be shared)\n`);
    return 0;
  } finally {
    client.destroy();
    s3.destroy();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
