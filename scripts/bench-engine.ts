/**
 * Engine overhead benchmark: how much time the engine adds per action beyond the action's own work.
 * Runs an in-process emulator (real SQLite, real artifact store) with a provider that does no work,
 * so everything measured is the engine's: (1) one execution of 10 stages x 5 parallel actions;
 * (2) 50 concurrent executions of that pipeline in PARALLEL mode. Exits 1 if an execution is lost or stuck.
 */
import { CodePipelineClient, CreatePipelineCommand, type StageDeclaration } from '@aws-sdk/client-codepipeline';
import { zipSync, strToU8 } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config.js';
import { startEmulator } from '../src/main.js';
import type { ActionTypeDefinition } from '../src/model/index.js';
import type { ActionJob, ActionProvider, ActionResult } from '../src/providers/index.js';
import { createLogger } from '../src/shared/index.js';
import { progress } from './bench-common.js';

const STAGES = 10;
const WIDTH = 5;
const CONCURRENT = 50;
const STUCK_AFTER_MS = 120_000; // an execution not finished by then counts as stuck

/** A provider that does no work: it hands back one small prepared zip for every output. */
function noWorkProvider(category: 'Source' | 'Build', zip: string): ActionProvider {
  const type: ActionTypeDefinition = {
    id: { category, owner: 'Custom', provider: 'NoWork', version: '1' },
    actionConfigurationProperties: [],
    inputArtifactDetails: { minimumCount: 0, maximumCount: category === 'Source' ? 0 : 5 },
    outputArtifactDetails: { minimumCount: 0, maximumCount: 5 },
  };
  return {
    type,
    async run(job: ActionJob): Promise<ActionResult> {
      return { outputArtifacts: Object.fromEntries(job.outputArtifactNames.map((n) => [n, zip])) };
    },
  };
}

function pipeline(name: string, mode: 'SUPERSEDED' | 'PARALLEL') {
  const action = (category: 'Source' | 'Build', stage: number, i: number) => ({
    name: `A${i}`,
    actionTypeId: { category, owner: 'Custom' as const, provider: 'NoWork', version: '1' },
    ...(stage === 0 ? { outputArtifacts: [{ name: `Src${i}` }] } : { inputArtifacts: [{ name: `Src${i}` }] }),
  });
  const stages: StageDeclaration[] = Array.from({ length: STAGES }, (_, s) => ({
    name: `Stage${s}`,
    actions: Array.from({ length: WIDTH }, (_, i) => action(s === 0 ? 'Source' : 'Build', s, i)),
  }));
  return { name, roleArn: 'arn:aws:iam::000000000000:role/cp', artifactStore: { type: 'S3' as const, location: 'bench-artifacts' }, pipelineType: 'V2' as const, executionMode: mode, stages };
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-bench-engine-'));
  const zip = join(dir, 'artifact.zip');
  writeFileSync(zip, zipSync({ 'index.html': strToU8('<h1>bench</h1>') }));
  const emulator = await startEmulator(readConfig({ port: '0', dataDir: join(dir, 'data') }, {}, false), createLogger({ level: process.env.BENCH_LOG ?? 'silent' }), {
    providers: [noWorkProvider('Source', zip), noWorkProvider('Build', zip)],
  });
  const client = new CodePipelineClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  const ended = new Map<string, string>();
  for (const event of ['execution:succeeded', 'execution:failed', 'execution:cancelled', 'execution:superseded', 'execution:stopped'] as const) {
    emulator.events.on(event, ({ execution }) => ended.set(execution.id, execution.status));
  }
  const waitFor = async (ids: string[]) => {
    const deadline = Date.now() + STUCK_AFTER_MS;
    while (ids.some((id) => !ended.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    return ids.filter((id) => ended.get(id) !== 'Succeeded');
  };
  try {
    const results: string[] = [];
    let bad = 0;
    for (const [label, mode, count] of [['1 execution, 10 stages x 5 parallel actions', 'SUPERSEDED', 1], [`${CONCURRENT} concurrent executions (PARALLEL mode)`, 'PARALLEL', CONCURRENT]] as const) {
      const name = `bench-${mode.toLowerCase()}`;
      progress(`creating ${name} and letting its first execution finish (warm-up)`);
      const before = ended.size;
      await client.send(new CreatePipelineCommand({ pipeline: pipeline(name, mode) }));
      while (ended.size === before) await new Promise((r) => setTimeout(r, 5));
      progress(`measuring: ${label}`);
      const started = performance.now();
      const ids = Array.from({ length: count }, () => emulator.engine.start({ account: '000000000000', region: 'us-east-1' }, name, { trigger: { triggerType: 'StartPipelineExecution' } }).id);
      const unfinished = await waitFor(ids);
      const wallMs = performance.now() - started;
      const actions = count * STAGES * WIDTH;
      bad += unfinished.length;
      results.push(`${label.padEnd(52)} ${wallMs.toFixed(0).padStart(7)} ms wall  ${(wallMs / actions).toFixed(3).padStart(7)} ms/action  ${count - unfinished.length}/${count} succeeded`);
    }
    console.log('\nEngine overhead (actions do no work, so all time is the engine\'s: SQLite writes, events, artifact copies, scheduling)\n');
    results.forEach((line) => console.log(`  ${line}`));
    console.log(`\n  target: under 5 ms per action; ${bad === 0 ? 'no execution lost or stuck' : `${bad} execution(s) lost or stuck`}\n`);
    return bad === 0 ? 0 : 1;
  } finally {
    client.destroy();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
