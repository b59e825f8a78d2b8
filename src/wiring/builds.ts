import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { codeBuildService, projectView, registerBuildLogRoute } from '../api/codebuild/index.js';
import { BatchService, BuildEngines, BuildImages, BuildLogs, BuildService, createBuildRunner, DISK_CHECK_MS, loadImageMap, ProjectCaches, SandboxService, SecretsFile, WarmBuildContainers, type LocalBuildEngine, type BuildExecutor, SwarmBuilds, type BuildLimits, type ImageMap } from '../codebuild/index.js';
import { codeBuildActionProviders, CommandsActionProvider } from '../providers/build/index.js';
import { ContainerRunner, createDockerClient } from '../runner/index.js';
import { CodeBuildBatchStore, CodeBuildFleetStore, CodeBuildReportStore, CodeBuildSandboxStore, CodeBuildStore, RepositoryStore, SourceCredentialsStore } from '../store/index.js';
import type { BuildChanges } from '../events/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../shared/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';
import { pageScope, type PageScopeQuery } from './page-scope.js';

/** The path of a project's JSON page on the emulator (the entityUrl of a pipeline's CodeBuild action). */
export const PROJECT_PAGE = '/codebuild/projects/:projectName';

const MB = 1024 * 1024;

/** What each build container may use, from the emulator's configuration. */
function buildLimits(config: Config): BuildLimits {
  return {
    maxMemoryMb: config.buildMaxMemoryMb,
    maxCpus: config.buildMaxCpus,
    pidsLimit: config.buildPidsLimit,
    diskMb: config.buildDiskMb,
    diskCheckMs: DISK_CHECK_MS,
  };
}

/** Builds the builds feature: the CodeBuild API, buildspec builds and batches in Docker, and the CodeBuild action. */
export function buildsFeature(ctx: FeatureContext): FeatureModule & { buildChanges: BuildChanges; starts: { builds: BuildService; batches: BatchService; projects: CodeBuildStore } } {
  const log = ctx.log.child({ feature: 'builds' });
  const store = new CodeBuildStore(ctx.db);
  const reports = new CodeBuildReportStore(ctx.db);
  const logs = new BuildLogs(join(ctx.config.dataDir, 'codebuild', 'logs'), { maxBytes: ctx.config.buildLogMaxMb * MB });
  const repositories = new RepositoryStore(ctx.db);
  const imageMap = loadImageMap(ctx.config.imageMap);
  const pool = new BuildEngines(executorHosts(ctx.config).map((host) => buildEngine(ctx, host, imageMap)), log);
  // The runner's own engine is the first: builds the executor places carry theirs in the request.
  const local = pool.engines[0];
  const engines: BuildExecutor = ctx.config.executor === 'swarm' ? swarmBuilds(ctx, local, log) : pool;
  let sweep: Promise<void> | undefined;
  const fleets = new CodeBuildFleetStore(ctx.db);
  const builds = new BuildService({
    store,
    logs,
    images: local.images,
    engines,
    secrets: new SecretsFile(ctx.config.secretsFile),
    runBuild: createBuildRunner({ runner: local.runner, docker: local.docker, clock: ctx.clock, log, limits: buildLimits(ctx.config), containers: local.containers }),
    s3: ctx.s3,
    clock: ctx.clock,
    ids: ctx.ids,
    log,
    baseUrl: () => ctx.baseUrl(),
    workRoot: join(ctx.config.dataDir, 'codebuild', 'work'),
    sources: { s3: ctx.s3, repository: (scope, name) => repositories.get(scope, name) },
    reports,
    fleetComputeType: (scope, arn) => fleetComputeType(fleets, scope, arn),
  });
  const batchStore = new CodeBuildBatchStore(ctx.db);
  const batches = new BatchService({
    store: batchStore,
    builds,
    clock: ctx.clock,
    ids: ctx.ids,
    log,
    sources: { s3: ctx.s3, repository: (scope, name) => repositories.get(scope, name) },
    s3: ctx.s3,
    workRoot: join(ctx.config.dataDir, 'codebuild', 'work'),
    // AWS runs a batch's builds all at once; here at most one per core (two on a small machine), each a container.
    concurrentBuilds: Math.max(2, Math.min(4, availableParallelism())),
  });
  const sandboxStore = new CodeBuildSandboxStore(ctx.db);
  const sandboxes = new SandboxService({
    store: sandboxStore,
    // A sandbox is a long-lived container: on the swarm executor it runs on the manager's engine, not as a service.
    engines: pool,
    limits: buildLimits(ctx.config),
    clock: ctx.clock,
    timers: ctx.timers,
    ids: ctx.ids,
    log,
    owner: ctx.config.dataDir,
    sources: { s3: ctx.s3, repository: (scope, name) => repositories.get(scope, name) },
    workRoot: join(ctx.config.dataDir, 'codebuild', 'work'),
  });
  return {
    buildChanges: builds.events,
    starts: { builds, batches, projects: store },
    services: [codeBuildService({ store, reports, credentials: new SourceCredentialsStore(ctx.db), fleets, sandboxStore, sandboxes, ids: ctx.ids, builds, batchStore, batches, logs, caches: engines, imageMap, clock: ctx.clock, idempotency: new Map(), repositoryExists: (scope, name) => repositories.get(scope, name) !== undefined })],
    providers: [...codeBuildActionProviders({ project: (scope, name) => store.getProject(scope, name)?.project, builds, batches }), new CommandsActionProvider(builds)],
    routes(app) {
      registerBuildLogRoute(app, { store, logs });
      // A project and its latest builds as JSON: what a person following a pipeline's link wants to see.
      app.get<{ Params: { projectName: string }; Querystring: PageScopeQuery }>(PROJECT_PAGE, async (request, reply) => {
        const scope = pageScope(ctx, request.query);
        const record = store.getProject(scope, request.params.projectName);
        if (!record) return reply.code(404).send({ message: `No project ${request.params.projectName} in ${scope.account}/${scope.region}` });
        return { project: projectView(record), buildIds: store.listBuildIdsForProject(scope, record.project.name).slice(0, 20) };
      });
    },
    async start() {
      // Builds of an earlier process died with it: recorded as FAULT first (builds of this process are spared).
      const interrupted = builds.recover();
      batches.recover();
      sandboxes.recover();
      if (ctx.config.executor === 'docker-host') log.info({ executor: ctx.config.executor, dockerHosts: ctx.config.dockerHosts }, `builds run on ${ctx.config.dockerHosts.length} Docker engine(s), each on the least busy`);
      if (ctx.config.executor === 'swarm') log.info({ executor: ctx.config.executor, swarmHost: local.host }, `builds run as replicated-job services on the Docker swarm managed by ${local.host}`);
      // Their containers and its warm ones are removed after the first answer: asking Docker loads its client, and
      // the sweep spares every container this process names (warm or taken), so a build started first is safe.
      sweep = ctx.whenServing().then(async (serving) => {
        if (!serving) return;
        await Promise.all([engines.removeLeftovers(interrupted), sandboxes.removeLeftovers()]);
      });
    },
    async close() {
      // Together: a batch waits for its running builds, which only the build service's close stops at once.
      await Promise.all([batches.close(), builds.close(), sandboxes.close()]);
      await engines.close();
      await sweep;
    },
  };
}

// A fleet of a named compute type lends builds its limits; attribute-based and custom-instance fleets leave the project's.
function fleetComputeType(fleets: CodeBuildFleetStore, scope: { account: string; region: string }, arn: string): string | undefined {
  const computeType = fleets.getFleet(scope, arn)?.computeType;
  return computeType === 'ATTRIBUTE_BASED_COMPUTE' || computeType === 'CUSTOM_INSTANCE_TYPE' ? undefined : computeType;
}

/** The Docker engines builds run on: DOCKER_HOST's for the local executor, --docker-hosts' for docker-host, the manager's for swarm. */
function executorHosts(config: Config): string[] {
  if (config.executor === 'swarm') return [config.swarmHost ?? config.dockerHost];
  return config.executor === 'docker-host' ? config.dockerHosts : [config.dockerHost];
}

// The swarm executor: builds are services on the swarm the manager's engine (the pool's one engine) manages.
function swarmBuilds(ctx: FeatureContext, manager: LocalBuildEngine, log: Logger): SwarmBuilds {
  return new SwarmBuilds({
    managerHost: manager.host,
    manager: manager.docker,
    runner: manager.runner,
    images: manager.images,
    caches: manager.caches,
    limits: buildLimits(ctx.config),
    owner: ctx.config.dataDir,
    // The nodes' engines share the manager's TLS settings (--docker-tls-verify, --docker-cert-path), as instances' do.
    engineClient: (host) => createDockerClient(host, ctx.config),
    log: log.child({ executor: 'swarm', swarmHost: manager.host }),
  });
}

function buildEngine(ctx: FeatureContext, host: string, imageMap: ImageMap): LocalBuildEngine {
  const log = ctx.log.child({ feature: 'builds', dockerHost: host });
  const docker = createDockerClient(host, ctx.config);
  const runner = new ContainerRunner({ docker });
  // Owned by the data folder: a later start on it removes what this process leaves if it dies.
  const containers = new WarmBuildContainers({ docker, runner, clock: ctx.clock, timers: ctx.timers, log, idleMs: ctx.config.buildWarmIdleSeconds * 1000, owner: ctx.config.dataDir });
  return { host, docker, runner, containers, images: new BuildImages({ docker, map: imageMap, log }), caches: new ProjectCaches({ docker, containers }) };
}
