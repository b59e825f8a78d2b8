/**
 * Lambda invoke benchmark (part of `npm run bench:jobs`): Invoke of a Node.js function through the emulator, cold (a
 * new sandbox: the container starts, the runtime loads the handler) and warm (the kept sandbox answers), against
 * `docker run` of the same handler in the same image (a container per call, no Runtime API). The Lambda image is built
 * first if missing, outside the timings.
 */
import { CreateFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { LAMBDA_IMAGE, LambdaImage } from '../src/lambda/index.js';
import { createDockerClient } from '../src/runner/index.js';
import { createLogger } from '../src/shared/index.js';
import { median, progress } from './bench-common.js';

const COLD_RUNS = 3;
const WARM_RUNS = 10;
const HANDLER = 'export const handler = async (event) => ({ echo: event, at: Date.now() });\n';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Prints cold and warm Invoke times of an emulator at `url`, and `docker run` of the same handler. */
export async function benchLambda(url: string): Promise<void> {
  progress('Lambda: making sure the Lambda image is built');
  await new LambdaImage({ docker: createDockerClient(process.env.DOCKER_HOST), log: createLogger({ level: 'silent' }) }).ensure((line) => progress(line));
  const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: '000000000000', secretAccessKey: 's' } });
  const dir = mkdtempSync(join(tmpdir(), 'cpl-bench-lambda-'));
  try {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'bench-fn', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/r', Handler: 'index.handler', Code: { ZipFile: zipSync({ 'index.mjs': strToU8(HANDLER) }) } }));
    const invoke = () => lambda.send(new InvokeCommand({ FunctionName: 'bench-fn', Payload: Buffer.from('{"n":1}') }));
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      progress(`Lambda: cold invoke ${i + 1}/${COLD_RUNS}`);
      // A configuration change retires the warm sandbox, so the next call starts a new one.
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'bench-fn', Description: `run ${i}` }));
      cold.push(await timed(invoke));
    }
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timed(invoke));
    writeFileSync(join(dir, 'index.mjs'), HANDLER);
    const script = "import('/var/task/index.mjs').then((m) => m.handler({ n: 1 })).then((r) => console.log(JSON.stringify(r)))";
    const dockerRun: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      progress(`Lambda: docker run ${i + 1}/${COLD_RUNS}`);
      dockerRun.push(await timed(() => promisify(execFile)('docker', ['run', '--rm', '--network', 'host', '--label', 'codepipeline-local=true', '-v', `${dir}:/var/task:ro`, LAMBDA_IMAGE, 'node', '-e', script])));
    }
    console.log('\nLambda Invoke of a Node.js function (RequestResponse, round trip through the SDK)\n');
    console.log(`  cold   median ${median(cold).toFixed(0)} ms   (${cold.map((t) => t.toFixed(0)).join(', ')})`);
    console.log(`  warm   median ${median(warm).toFixed(1)} ms   (${WARM_RUNS} calls)`);
    console.log(`  docker run of the same handler: median ${median(dockerRun).toFixed(0)} ms   (${dockerRun.map((t) => t.toFixed(0)).join(', ')})\n`);
  } finally {
    lambda.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
