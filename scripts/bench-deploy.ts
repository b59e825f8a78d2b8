/**
 * Deployment overhead benchmark: the wall time of deploying the tutorial's sample site (fixtures/sample-app, built
 * here) to one instance through the emulator (CreateDeployment to Succeeded, as a client sees it), side by side
 * with the same file copy and hook commands done by hand with `docker exec` into a plain container of the same
 * instance image, and their ratio (target: under 1.15). Each side runs ROUNDS deployments; the medians are compared.
 */
import {
  AddTagsToOnPremisesInstancesCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeregisterOnPremisesInstanceCommand,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  RegisterOnPremisesInstanceCommand,
} from '@aws-sdk/client-codedeploy';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { strToU8, zipSync } from 'fflate';
import { pack } from 'tar-stream';
import { InstanceImage } from '../src/codedeploy/instance-image.js';
import { readConfig } from '../src/config.js';
import { startEmulator } from '../src/main.js';
import { createDockerClient, withProjectLabel } from '../src/runner/index.js';
import { createLogger, silentLogger } from '../src/shared/index.js';
import { median, progress } from './bench-common.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SAMPLE_APP = fileURLToPath(new URL('../fixtures/sample-app/', import.meta.url));
const HOOKS = ['scripts/before-install.sh', 'INSTALL', 'scripts/configure-nginx.sh', 'scripts/reload-nginx.sh', 'scripts/validate.sh'];

/** Builds the sample app into a bundle: the files of its dist/ folder (appspec.yml, scripts/, site/). */
function buildSampleSite(dir: string): Record<string, Uint8Array> {
  const app = join(dir, 'sample-app');
  cpSync(SAMPLE_APP, app, { recursive: true });
  execFileSync(process.execPath, ['build.js'], { cwd: app, env: { ...process.env, COMMIT_ID: 'bench', CODEBUILD_BUILD_NUMBER: '1' }, stdio: 'ignore' });
  const dist = join(app, 'dist');
  const files: Record<string, Uint8Array> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dist, path)] = readFileSync(path);
    }
  };
  walk(dist);
  return files;
}

/** Runs one command in a container as `docker exec` does, failing on a non-zero exit. */
async function dockerExec(container: Dockerode.Container, cmd: string[], env: string[] = []): Promise<void> {
  const exec = await container.exec({ Cmd: cmd, Env: env, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  await new Promise<void>((resolve, reject) => (stream.on('end', resolve), stream.on('error', reject), stream.resume()));
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`${cmd.join(' ')} exited ${ExitCode}`);
}

function tarOf(files: Record<string, Uint8Array>, folder: string): Promise<Buffer> {
  const tar = pack();
  for (const [name, data] of Object.entries(files)) tar.entry({ name: `${folder}/${name}`, mode: name.endsWith('.sh') ? 0o755 : 0o644 }, Buffer.from(data));
  tar.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => (tar.on('data', (c: unknown) => chunks.push(c as Buffer)), tar.on('end', () => resolve(Buffer.concat(chunks))), tar.on('error', reject)));
}

/** The same work by hand: copy the bundle in, run the hooks (ApplicationStop from the second round), copy the site. */
async function handRounds(docker: Dockerode, image: string, files: Record<string, Uint8Array>): Promise<number[]> {
  const container = await docker.createContainer({ Image: image, name: `cpl-bench-deploy-${process.pid}`, Labels: withProjectLabel({ 'codepipeline-local.kind': 'bench' }), HostConfig: { Init: true } });
  await container.start();
  const times: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const dir = `/tmp/bench-bundle-${round}`;
      // What the agent sets for hooks, which the sample app's scripts read.
      const env = [`DEPLOYMENT_ID=d-BENCH${String(round).padStart(4, '0')}`, 'APPLICATION_NAME=Bench', 'DEPLOYMENT_GROUP_NAME=One'];
      const started = performance.now();
      if (round > 1) await dockerExec(container, ['bash', `/tmp/bench-bundle-${round - 1}/scripts/stop.sh`], env);
      await container.putArchive(await tarOf(files, dir.slice(1)), { path: '/' });
      for (const hook of HOOKS) {
        const cmd = hook === 'INSTALL' ? ['bash', '-c', `mkdir -p /var/www/sample-app && cp -a ${dir}/site/. /var/www/sample-app/`] : ['bash', `${dir}/${hook}`];
        await dockerExec(container, cmd, env);
      }
      times.push(performance.now() - started);
    }
  } finally {
    await container.remove({ force: true });
  }
  return times;
}

/** When a deployment's lifecycle events ran, relative to its createTime (ms). */
async function timeline(client: CodeDeployClient, deploymentId: string, targetId: string): Promise<{ eventsMs: number; text: string }> {
  const { deploymentTarget } = await client.send(new GetDeploymentTargetCommand({ deploymentId, targetId }));
  const events = deploymentTarget?.instanceTarget?.lifecycleEvents ?? [];
  const { deploymentInfo: d } = await client.send(new GetDeploymentCommand({ deploymentId }));
  const t0 = d!.createTime!.getTime();
  const at = (date: Date | undefined) => (date ? date.getTime() - t0 : NaN);
  const text = `created 0, started ${at(d!.startTime)}, ${events.map((e) => `${e.lifecycleEventName} ${at(e.startTime)}-${at(e.endTime)}`).join(', ')}, completed ${at(d!.completeTime)}`;
  return { eventsMs: at(events.at(-1)?.endTime) - at(events[0]?.startTime), text };
}

async function emulatorRounds(dir: string, files: Record<string, Uint8Array>): Promise<{ times: number[]; events: number[] }> {
  const config = readConfig({ port: '0', dataDir: join(dir, 'data'), logLevel: 'silent' }, {}, false);
  const emulator = await startEmulator(config, process.env.BENCH_LOG ? createLogger({ level: process.env.BENCH_LOG }) : silentLogger());
  const client = new CodeDeployClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const instanceName = `bench-${process.pid}`;
  try {
    mkdirSync(join(config.s3Dir, 'bench'), { recursive: true });
    writeFileSync(join(config.s3Dir, 'bench', 'site.zip'), zipSync(files));
    await client.send(new RegisterOnPremisesInstanceCommand({ instanceName, iamSessionArn: 'arn:aws:sts::000000000000:assumed-role/bench/bench' }));
    await client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: [instanceName], tags: [{ Key: 'bench', Value: 'deploy' }] }));
    await client.send(new CreateApplicationCommand({ applicationName: 'Bench' }));
    const group = { applicationName: 'Bench', deploymentGroupName: 'One', serviceRoleArn: 'arn:aws:iam::000000000000:role/bench' };
    await client.send(new CreateDeploymentGroupCommand({ ...group, onPremisesInstanceTagFilters: [{ Key: 'bench', Value: 'deploy', Type: 'KEY_AND_VALUE' }] }));
    const times: number[] = [];
    const events: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const started = performance.now();
      const revision = { revisionType: 'S3' as const, s3Location: { bucket: 'bench', key: 'site.zip', bundleType: 'zip' as const } };
      const { deploymentId } = await client.send(new CreateDeploymentCommand({ applicationName: 'Bench', deploymentGroupName: 'One', revision }));
      for (;;) {
        const { deploymentInfo } = await client.send(new GetDeploymentCommand({ deploymentId }));
        if (deploymentInfo?.status === 'Succeeded') break;
        if (deploymentInfo?.status === 'Failed' || deploymentInfo?.status === 'Stopped') throw new Error(`deployment ${deploymentId} ${deploymentInfo.status}: ${JSON.stringify(deploymentInfo.errorInformation)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      times.push(performance.now() - started);
      const ran = await timeline(client, deploymentId!, instanceName);
      events.push(ran.eventsMs);
      if (process.env.BENCH_VERBOSE) progress(ran.text);
    }
    return { times, events };
  } finally {
    // The instance's container outlives the emulator, like a machine: deregistering removes it.
    await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName })).catch((error: unknown) => progress(`could not deregister ${instanceName}: ${String(error)}`));
    client.destroy();
    await emulator.close();
  }
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-bench-deploy-'));
  try {
    progress('building the sample site');
    const files = buildSampleSite(dir);
    const docker = createDockerClient();
    const image = await new InstanceImage({ docker, log: silentLogger() }).ensure((line) => progress(line.trim()));
    progress(`deploying ${ROUNDS} times through the emulator`);
    const { times: viaEmulator, events } = await emulatorRounds(dir, files);
    progress(`doing the same ${ROUNDS} times with docker exec`);
    const byHand = await handRounds(docker, image, files);
    const row = (label: string, times: number[]) => `${label.padEnd(22)}${times.map((t) => t.toFixed(0).padStart(7)).join('')}   median ${median(times).toFixed(0).padStart(5)} ms`;
    const ratio = median(viaEmulator) / median(byHand);
    console.log(`Deployment of the sample site to one instance (${Object.keys(files).length} files, ${ROUNDS} rounds, ms)`);
    console.log(row('emulator (CodeDeploy)', viaEmulator));
    console.log(row('  of which the events', events));
    console.log(row('docker exec by hand', byHand));
    console.log(`ratio emulator / by hand: ${ratio.toFixed(2)} (target < 1.15)`);
    return ratio < 1.15 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
