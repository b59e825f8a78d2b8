import { join } from 'node:path';
import { codeBuildService, registerBuildLogRoute } from '../api/codebuild/index.js';
import { BuildImages, BuildLogs, BuildService, createBuildRunner, DISK_CHECK_MS, loadImageMap, ProjectCaches, SecretsFile, WarmBuildContainers, type BuildLimits } from '../codebuild/index.js';
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
  const docker = createDockerClient(ctx.config.dockerHost);
  const runner = new ContainerRunner({ docker });
  const store = new CodeBuildStore(ctx.db);
  const reports = new CodeBuildReportStore(ctx.db);
  const logs = new BuildLogs(join(ctx.config.dataDir, 'codebuild', 'logs'), { maxBytes: ctx.config.buildLogMaxMb * MB });
  const repositories = new RepositoryStore(ctx.db);
  // Owned by the data folder: a later start on it removes what this process leaves if it dies.
  const containers = new WarmBuildContainers({ docker, runner, clock: ctx.clock, timers: ctx.timers, log, idleMs: ctx.config.buildWarmIdleSeconds * 1000, owner: ctx.config.dataDir });
  const imageMap = loadImageMap(ctx.config.imageMap);
  let sweep: Promise<void> | undefined;
  const builds = new BuildService({
    store,
    logs,
    images: new BuildImages({ docker, map: imageMap, log }),
    secrets: new SecretsFile(ctx.config.secretsFile),
    runBuild: createBuildRunner({ runner, docker, clock: ctx.clock, log, limits: buildLimits(ctx.config), containers }),
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
    services: [codeBuildService({ store, reports, credentials: new SourceCredentialsStore(ctx.db), builds, logs, caches: new ProjectCaches({ docker, containers }), imageMap, clock: ctx.clock, idempotency: new Map() })],
    providers: [...codeBuildActionProviders({ project: (scope, name) => store.getProject(scope, name)?.project, builds }), new CommandsActionProvider(builds)],
    routes: (app) => registerBuildLogRoute(app, { store, logs }),
    async start() {
      // Builds of an earlier process died with it: recorded as FAULT first (builds of this process are spared).
      const interrupted = builds.recover();
      // Their containers and its warm ones are removed after the first answer: asking Docker loads its client, and
      // the sweep spares every container this process names (warm or taken), so a build started first is safe.
      sweep = ctx.whenServing().then(async (serving) => {
        if (!serving) return;
        await containers.removeLeftovers(interrupted).catch((err: unknown) => log.warn({ err, builds: interrupted }, 'could not remove the build containers an earlier process left'));
      });
    },
    async close() {
      await builds.close();
      await containers.close();
      await sweep;
    },
  };
}
