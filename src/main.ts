import type { FastifyInstance } from 'fastify';
import { buildServer, codePipelineService, Dispatcher, modelOnlyService, serviceMetadata, type ServiceDefinition } from './api/index.js';
import type { Config } from './config.js';
import { syncPipelineFiles, type PipelineFilesSync } from './pipeline-files-sync.js';
import { join } from 'node:path';
import { ArtifactStore, Engine, EngineEventBus, type AlarmStates } from './engine/index.js';
import { logEngineEvents } from './log-engine-events.js';
import { S3Storage } from './s3/index.js';
import { buildsFeature } from './wiring/builds.js';
import { cloudWatchFeature } from './wiring/cloudwatch.js';
import { consoleFeature } from './wiring/console.js';
import { deploysFeature } from './wiring/deploys.js';
import { instancesFeature } from './wiring/instances.js';
import { jobsFeature } from './wiring/jobs.js';
import { notificationsFeature } from './wiring/notifications.js';
import { lambdaFeature } from './wiring/lambda.js';
import { repositoryTriggersFeature } from './wiring/repository-triggers.js';
import { buildWebhooksFeature } from './wiring/build-webhooks.js';
import { s3Feature } from './wiring/s3.js';
import { s3ArtifactObjects } from './wiring/artifact-objects.js';
import type { FeatureContext, FeatureModule } from './wiring/feature-module.js';
import { firstAnswer } from './wiring/first-answer.js';
import { sourceDetectionFeature } from './wiring/source-detection.js';
import { sourcesFeature } from './wiring/sources.js';
import { webhooksFeature } from './wiring/webhooks.js';
import { iamWiring, type IamWiring } from './wiring/iam.js';
import { manualApprovalProvider, ProviderRegistry, type ActionProvider } from './providers/index.js';
import { randomIds, systemClock, systemTimers, type Clock, type Ids, type Logger, type Timers } from './shared/index.js';
import { ActionExecutionStore, CodeDeployDeploymentStore, ConditionStore, ExecutionStore, openDatabase, PipelineStore, TagStore, type Db } from './store/index.js';

/** A running emulator: its address and a way to stop it cleanly. */
export interface RunningEmulator {
  url: string;
  app: FastifyInstance;
  engine: Engine;
  events: EngineEventBus;
  close(): Promise<void>;
}

/** Optional replacements for time, timers and ids, and extra action providers, so tests can be deterministic. */
export interface EmulatorOverrides {
  clock?: Clock;
  timers?: Timers;
  ids?: Ids;
  providers?: ActionProvider[];
  /** Where CloudWatchAlarm rules read alarm states (the CloudWatch service, or a test's stand-in). */
  alarms?: AlarmStates;
}

function buildEngine(db: Db, config: Config, log: Logger, overrides: EmulatorOverrides, s3: S3Storage, access: IamWiring) {
  const clock = overrides.clock ?? systemClock;
  const timers = overrides.timers ?? systemTimers(clock);
  const stores = { pipelines: new PipelineStore(db), executions: new ExecutionStore(db), actions: new ActionExecutionStore(db), conditions: new ConditionStore(db) };
  const providers = new ProviderRegistry([manualApprovalProvider, ...(overrides.providers ?? [])]);
  const events = new EngineEventBus();
  const engine = new Engine({
    ...stores,
    // With --iam each action first checks what the pipeline's role may do.
    providers: access.providers(providers),
    artifacts: new ArtifactStore(s3ArtifactObjects(s3, join(config.dataDir, 'artifacts'), log), join(config.dataDir, 'work')),
    events,
    clock,
    timers,
    ids: overrides.ids ?? randomIds,
    log,
    ...(overrides.alarms ? { alarms: overrides.alarms } : {}),
  });
  // Features register their providers into this registry before anything runs.
  return { ...stores, engine, events, providers, clock, timers };
}

/** The composition root: opens the store, builds the services, features and server, and listens. */
export async function startEmulator(config: Config, log: Logger, overrides: EmulatorOverrides = {}): Promise<RunningEmulator> {
  const ids = overrides.ids ?? randomIds;
  const db: Db = openDatabase(config.dataDir);
  const clock = overrides.clock ?? systemClock;
  const s3 = new S3Storage(config.s3Dir, () => clock.now());
  // Nothing writes yet: any temp file is the remains of a crash.
  s3.sweepTemp();
  const access = iamWiring(config, db, clock, log);
  const built = buildEngine(db, config, log, { ...overrides, clock }, s3, access);
  const { engine, events } = built;
  const stopLogging = logEngineEvents(events, log);
  let url = `http://${config.host}:${config.port}`;
  const answered = firstAnswer();
  const context: FeatureContext = { config, db, log, ids, ...built, s3, baseUrl: () => url, whenServing: () => answered.served };
  const jobs = jobsFeature(context, built.providers);
  const webhooks = webhooksFeature(context);
  const cloudWatch = cloudWatchFeature(context);
  // CloudWatchAlarm rules read the alarms CloudWatch stores, unless a test handed the engine its own.
  if (!overrides.alarms) engine.useAlarmStates(cloudWatch.alarmStates);
  const builds = buildsFeature(context);
  const lambda = lambdaFeature(context, { queue: jobs.jobs.queue, workerDeps: jobs.workerDeps });
  const deploys = deploysFeature(context, lambda.traffic);
  const notifications = notificationsFeature(context, { builds: builds.buildChanges, deployments: deploys.deploymentChanges, functions: lambda.ruleFunctions });
  engine.useRuleFunctions(lambda.ruleFunctions);
  const sources = sourcesFeature(context);
  const triggers = repositoryTriggersFeature(context, { events: notifications.eventLog, sns: notifications.sns, functions: lambda.ruleFunctions }, sources);
  const buildWebhooks = buildWebhooksFeature(context, { events: notifications.eventLog, starts: builds.starts });
  const features = [sources, sourceDetectionFeature(context, notifications.referencesChanged), builds, instancesFeature(context), deploys, s3Feature(context), consoleFeature(context), jobs, webhooks, cloudWatch, notifications, lambda, triggers, buildWebhooks];
  features.flatMap((f) => f.providers ?? []).forEach((p) => built.providers.register(p));
  const deploymentRecords = new CodeDeployDeploymentStore(db);
  const pipelineDeps = {
    ...built,
    tags: new TagStore(db),
    customActionTypes: () => built.providers.customTypes(),
    jobs: jobs.jobs,
    webhooks: webhooks.webhooks,
    deploymentTargets: (deploymentId: string) => deploymentRecords.targets(deploymentId),
    ...(access.serviceRoles ? { serviceRoles: access.serviceRoles } : {}),
    baseUrl: () => url,
  };
  const dispatcher = new Dispatcher([...hostedServices(codePipelineService(pipelineDeps), features), ...access.services], log, access.guard);
  let pipelineFiles: PipelineFilesSync | undefined;
  let app: FastifyInstance | undefined;
  try {
    app = await buildServer({
      dispatcher,
      ids,
      log,
      defaults: { account: config.account, region: config.region },
      // Functions on other engines call back with the advertised URL's host.
      allowedHosts: [config.host, ...config.allowedHosts, ...(config.advertiseUrl ? [new URL(config.advertiseUrl).hostname] : [])],
      extend: async (server) => {
        answered.watch(server);
        for (const feature of features) await feature.routes?.(server);
        access.routes?.(server);
      },
    });
    // Files are loaded before listening, so their pipelines exist by the time a client can connect.
    if (config.pipelinesDir) {
      const scope = { account: config.account, region: config.region };
      // Local files are the operator's own: their service role is not checked at load (their actions still are, with --iam).
      const { serviceRoles: _unchecked, ...fileDeps } = pipelineDeps;
      pipelineFiles = await syncPipelineFiles({ dir: config.pipelinesDir, pipelines: fileDeps, scope, ids, log });
    }
    engine.recover();
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
    answered.listening();
    // The features' background work may ask Docker (e.g. for the instances' containers): it waits one turn of the
    // event loop, so requests that arrived while the server began to listen are answered first. Work that can wait
    // longer (the builds' leftover containers) waits for the first answer (whenServing).
    await new Promise((resolve) => setImmediate(resolve));
    for (const feature of features) await feature.start?.();
  } catch (error) {
    answered.closing();
    engine.close();
    for (const feature of features) await feature.close?.();
    await pipelineFiles?.close();
    await app?.close();
    db.close();
    throw error;
  }
  log.info({ url, dataDir: config.dataDir }, `codepipeline-local listening on ${url}`);
  let closed = false;
  const server = app;
  return {
    url,
    app: server,
    engine,
    events,
    async close() {
      if (closed) return;
      closed = true;
      // The engine stops recording first, so work cut short by the features' shutdown is left for recovery.
      engine.close();
      answered.closing();
      for (const feature of features) await feature.close?.();
      await pipelineFiles?.close();
      await server.close();
      await engine.drained();
      stopLogging();
      db.close();
    },
  };
}

/** Every service on the API port: CodePipeline, the features' services, and the rest answering NotImplementedException. */
function hostedServices(codePipeline: ServiceDefinition, features: FeatureModule[]): ServiceDefinition[] {
  const provided = [codePipeline, ...features.flatMap((f) => f.services ?? [])];
  // A rest service (Lambda) has no target prefix, so services are told apart by target prefix or else endpoint prefix.
  const key = (s: ServiceDefinition) => serviceMetadata(s).targetPrefix ?? serviceMetadata(s).endpointPrefix;
  const hosted = new Set(provided.map(key));
  const rest = (['codebuild', 'codedeploy', 'codecommit', 'lambda'] as const).map(modelOnlyService).filter((s) => !hosted.has(key(s)));
  return [...provided, ...rest];
}
