import { join } from 'node:path';
import { codeBuildService, registerBuildLogRoute } from '../api/codebuild/index.js';
import { BuildEngines, BuildImages, BuildLogs, BuildService, createBuildRunner, DISK_CHECK_MS, loadImageMap, ProjectCaches, SecretsFile, WarmBuildContainers, type BuildEngine, type BuildLimits, type ImageMap } from '../codebuild/index.js';
import { codeBuildActionProviders, CommandsActionProvider } from '../providers/build/index.js';
import { ContainerRunner, createDockerClient } from '../runner/index.js';
import { CodeBuildReportStore, CodeBuildStore, RepositoryStore, SourceCredentialsStore } from '../store/index.js';
import type { Config } from '../config.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

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

/** Builds the builds feature: the CodeBuild API, buildspec builds in Docker, and the CodeBuild action. */
export function buildsFeature(ctx: FeatureContext): FeatureModule {
  const log = ctx.log.child({ feature: 'builds' });
  const store = new CodeBuildStore(ctx.db);
  const reports = new CodeBuildReportStore(ctx.db);
  const logs = new BuildLogs(join(ctx.config.dataDir, 'codebuild', 'logs'), { maxBytes: ctx.config.buildLogMaxMb * MB });
  const repositories = new RepositoryStore(ctx.db);
  const imageMap = loadImageMap(ctx.config.imageMap);
  const engines = new BuildEngines(executorHosts(ctx.config).map((host) => buildEngine(ctx, host, imageMap)), log);
  // The runner's own engine is the first: builds the executor places carry theirs in the request.
  const local = engines.engines[0];
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
  });
  return {
    services: [codeBuildService({ store, reports, credentials: new SourceCredentialsStore(ctx.db), builds, logs, caches: engines, imageMap, clock: ctx.clock, idempotency: new Map() })],
    providers: [...codeBuildActionProviders({ project: (scope, name) => store.getProject(scope, name)?.project, builds }), new CommandsActionProvider(builds)],
    routes: (app) => registerBuildLogRoute(app, { store, logs }),
    async start() {
      // Builds of an earlier process died with it: recorded as FAULT, their containers and its warm ones removed.
      const interrupted = builds.recover();
      if (ctx.config.executor !== 'local') log.info({ executor: ctx.config.executor, dockerHosts: ctx.config.dockerHosts }, `builds run on ${ctx.config.dockerHosts.length} Docker engine(s), each on the least busy`);
      await engines.removeLeftovers(interrupted);
    },
    async close() {
      await builds.close();
      await engines.close();
    },
  };
}

/** The Docker engines builds run on: DOCKER_HOST's for the local executor, --docker-hosts' for docker-host. */
function executorHosts(config: Config): string[] {
  return config.executor === 'docker-host' ? config.dockerHosts : [config.dockerHost];
}

function buildEngine(ctx: FeatureContext, host: string, imageMap: ImageMap): BuildEngine {
  const log = ctx.log.child({ feature: 'builds', dockerHost: host });
  const docker = createDockerClient(host);
  const runner = new ContainerRunner({ docker });
  // Owned by the data folder: a later start on it removes what this process leaves if it dies.
  const containers = new WarmBuildContainers({ docker, runner, clock: ctx.clock, timers: ctx.timers, log, idleMs: ctx.config.buildWarmIdleSeconds * 1000, owner: ctx.config.dataDir });
  return { host, docker, runner, containers, images: new BuildImages({ docker, map: imageMap, log }), caches: new ProjectCaches({ docker, containers }) };
}
