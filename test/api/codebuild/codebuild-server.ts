import { BatchGetBuildsCommand, CodeBuildClient, type Build } from '@aws-sdk/client-codebuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBuildService, registerBuildLogRoute, type CodeBuildDeps } from '../../../src/api/codebuild/index.js';
import { buildServer, Dispatcher } from '../../../src/api/index.js';
import { BatchService, BuildLogs, BuildService, loadImageMap, ProjectCaches, SecretsFile, type BuildOutcome, type BuildPhase, type BuildRequest, type RunBuild } from '../../../src/codebuild/index.js';
import { randomIds, silentLogger, systemClock, type Clock } from '../../../src/shared/index.js';
import { S3Storage } from '../../../src/s3/index.js';
import { createDockerClient } from '../../../src/runner/index.js';
import { CodeBuildBatchStore, CodeBuildFleetStore, CodeBuildReportStore, CodeBuildSandboxStore, CodeBuildStore, openDatabase, SourceCredentialsStore, type Db } from '../../../src/store/index.js';
import { waitFor } from '../../helpers/wait.js';

/** A CodeBuild API on a listening server, with a scripted runner in place of Docker (unit tests of the API only). */
export interface CodeBuildTestServer {
  url: string;
  dataDir: string;
  s3Dir: string;
  /** The S3 stand-in over s3Dir that the builds read sources from and write artifacts to. */
  s3: S3Storage;
  client: CodeBuildClient;
  service: BuildService;
  store: CodeBuildStore;
  logs: BuildLogs;
  /** Every request the runner received, in order. */
  requests: BuildRequest[];
  close(): Promise<void>;
}

/** What the fake runner does with a request; the default succeeds through every phase. */
export type RunnerScript = (request: BuildRequest) => Promise<BuildOutcome>;

/** Options of the test server. */
export interface CodeBuildTestServerOptions {
  script?: RunnerScript;
  secretsFile?: string;
  images?: { prepare(image: string, progress: (line: string) => void): Promise<string> };
  repository?: (scope: { account: string; region: string }, name: string) => { gitDir: string } | undefined;
  /** Where the service's timestamps come from; the wall clock by default. */
  clock?: Clock;
}

const RUNNER_PHASES = ['PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING'] as const;

/** Reports each runner phase as it starts and ends, as the real runner does; BUILD fails when asked. */
export async function scriptedPhases(request: BuildRequest, fail?: { phase: (typeof RUNNER_PHASES)[number]; message: string }): Promise<BuildPhase[]> {
  const phases: BuildPhase[] = [];
  for (const phaseType of RUNNER_PHASES) {
    const startMs = Date.now();
    request.onPhase({ phaseType, startMs });
    request.onLog(`[Container] Entering phase ${phaseType}`);
    const failed = fail?.phase === phaseType;
    const phase: BuildPhase = {
      phaseType,
      phaseStatus: failed ? 'FAILED' : 'SUCCEEDED',
      startMs,
      endMs: Date.now(),
      contexts: failed ? [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: fail!.message }] : [],
    };
    request.onPhase(phase);
    phases.push(phase);
  }
  const completed: BuildPhase = { phaseType: 'COMPLETED', startMs: Date.now() };
  request.onPhase(completed);
  return [...phases, completed];
}

/** The default script: every phase succeeds, one variable is exported, no artifacts. */
export const succeedingScript: RunnerScript = async (request) => ({
  status: 'SUCCEEDED',
  phases: await scriptedPhases(request),
  exportedVariables: { BUILT_BY: 'script' },
  artifacts: {},
});

/** A script that waits until the build is stopped, then reports STOPPED. */
export const waitUntilStoppedScript: RunBuild = async (request) => {
  request.onPhase({ phaseType: 'PROVISIONING', startMs: Date.now() });
  request.onPhase({ phaseType: 'PROVISIONING', phaseStatus: 'SUCCEEDED', startMs: Date.now(), endMs: Date.now(), contexts: [] });
  request.onPhase({ phaseType: 'BUILD', startMs: Date.now() });
  request.onLog('[Container] Running command sleep 600');
  await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
  request.onLog('[Container] Phase complete: BUILD State: STOPPED');
  const now = Date.now();
  return {
    status: 'STOPPED',
    phases: [
      { phaseType: 'BUILD', phaseStatus: 'STOPPED', startMs: now, endMs: now, contexts: [] },
      { phaseType: 'FINALIZING', phaseStatus: 'SUCCEEDED', startMs: now, endMs: now, contexts: [] },
      { phaseType: 'COMPLETED', startMs: now },
    ],
    exportedVariables: {},
    artifacts: {},
  };
};

function service(db: Db, dataDir: string, runBuild: RunBuild, options: CodeBuildTestServerOptions, baseUrl: () => string) {
  const store = new CodeBuildStore(db);
  const reports = new CodeBuildReportStore(db);
  const fleets = new CodeBuildFleetStore(db);
  const logs = new BuildLogs(join(dataDir, 'logs'));
  const s3Dir = join(dataDir, 's3');
  const s3 = new S3Storage(s3Dir, () => Date.now());
  const builds = new BuildService({
    store,
    logs,
    runBuild,
    images: options.images ?? { prepare: async () => 'local/fake-image:1' },
    secrets: new SecretsFile(options.secretsFile),
    s3,
    clock: options.clock ?? systemClock,
    ids: randomIds,
    log: silentLogger(),
    baseUrl,
    workRoot: join(dataDir, 'work'),
    sources: { s3, repository: options.repository ?? (() => undefined) },
    reports,
    fleetComputeType: (scope, arn) => fleets.getFleet(scope, arn)?.computeType,
  });
  const batchStore = new CodeBuildBatchStore(db);
  const batches = new BatchService({
    store: batchStore,
    builds,
    clock: options.clock ?? systemClock,
    ids: randomIds,
    log: silentLogger(),
    sources: { s3, repository: options.repository ?? (() => undefined) },
    s3,
    workRoot: join(dataDir, 'work'),
    concurrentBuilds: 2,
  });
  return { store, reports, fleets, logs, s3Dir, s3, builds, batchStore, batches };
}

// This server has no Docker engine of its own: sandboxes are tested against a whole emulator (sandboxes.test.ts).
const noSandboxes: CodeBuildDeps['sandboxes'] = {
  start: () => {
    throw new Error('the CodeBuild test server runs no sandboxes: use startTestEmulator');
  },
  stop: () => undefined,
  run: () => undefined,
};

/** Starts the CodeBuild API alone on a free port, with a fresh data directory. */
export async function startCodeBuildServer(options: CodeBuildTestServerOptions = {}): Promise<CodeBuildTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpl-codebuild-'));
  const db = openDatabase(dataDir);
  const requests: BuildRequest[] = [];
  const script = options.script ?? succeedingScript;
  let url = '';
  const parts = service(db, dataDir, (request) => (requests.push(request), script(request)), options, () => url);
  // The scripted runner keeps no warm containers; cache resets go to the real Docker engine.
  const caches = new ProjectCaches({ docker: createDockerClient(process.env.DOCKER_HOST), containers: { discardMounting: async () => undefined } });
  const deps: CodeBuildDeps = { store: parts.store, reports: parts.reports, credentials: new SourceCredentialsStore(db), fleets: parts.fleets, sandboxStore: new CodeBuildSandboxStore(db), sandboxes: noSandboxes, ids: randomIds, builds: parts.builds, batchStore: parts.batchStore, batches: parts.batches, logs: parts.logs, caches, imageMap: loadImageMap(), clock: options.clock ?? systemClock, idempotency: new Map() };
  const log = silentLogger();
  const app = await buildServer({
    dispatcher: new Dispatcher([codeBuildService(deps)], log),
    ids: randomIds,
    log,
    defaults: { account: '000000000000', region: 'us-east-1' },
    extend: (server) => registerBuildLogRoute(server, parts),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const client = new CodeBuildClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
  return {
    url,
    dataDir,
    s3Dir: parts.s3Dir,
    s3: parts.s3,
    client,
    service: parts.builds,
    store: parts.store,
    logs: parts.logs,
    requests,
    async close() {
      client.destroy();
      await Promise.all([parts.batches.close(), parts.builds.close()]);
      await app.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The phases of a build that succeeded, with their statuses, as BatchGetBuilds lists them. */
export const SUCCEEDED_PHASES = [
  ['SUBMITTED', 'SUCCEEDED'],
  ['QUEUED', 'SUCCEEDED'],
  ['PROVISIONING', 'SUCCEEDED'],
  ['DOWNLOAD_SOURCE', 'SUCCEEDED'],
  ['INSTALL', 'SUCCEEDED'],
  ['PRE_BUILD', 'SUCCEEDED'],
  ['BUILD', 'SUCCEEDED'],
  ['POST_BUILD', 'SUCCEEDED'],
  ['UPLOAD_ARTIFACTS', 'SUCCEEDED'],
  ['FINALIZING', 'SUCCEEDED'],
  ['COMPLETED', undefined],
];

/** Waits until BatchGetBuilds shows the build complete, and returns it. */
export async function finishedBuild(client: CodeBuildClient, id: string, timeoutMs = 5000): Promise<Build> {
  const out = await waitFor(() => client.send(new BatchGetBuildsCommand({ ids: [id] })), { description: `build ${id} to complete`, timeoutMs, intervalMs: 50 }, (o) => Boolean(o.builds?.[0]?.buildComplete));
  return out.builds![0];
}

