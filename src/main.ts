import type { FastifyInstance } from 'fastify';
import { buildServer, codePipelineService, Dispatcher, modelOnlyService } from './api/index.js';
import type { Config } from './config.js';
import { syncPipelineFiles, type PipelineFilesSync } from './pipeline-files-sync.js';
import { join } from 'node:path';
import { ArtifactStore, Engine, EngineEventBus } from './engine/index.js';
import { logEngineEvents } from './log-engine-events.js';
import { manualApprovalProvider, ProviderRegistry, type ActionProvider } from './providers/index.js';
import { randomIds, systemClock, systemTimers, type Clock, type Ids, type Logger, type Timers } from './shared/index.js';
import { ActionExecutionStore, ExecutionStore, openDatabase, PipelineStore, TagStore, type Db } from './store/index.js';

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
}

function buildEngine(db: Db, config: Config, log: Logger, overrides: EmulatorOverrides) {
  const clock = overrides.clock ?? systemClock;
  const stores = { pipelines: new PipelineStore(db), executions: new ExecutionStore(db), actions: new ActionExecutionStore(db) };
  const providers = new ProviderRegistry([manualApprovalProvider, ...(overrides.providers ?? [])]);
  const events = new EngineEventBus();
  const engine = new Engine({
    ...stores,
    providers,
    artifacts: new ArtifactStore(join(config.dataDir, 'artifacts')),
    events,
    clock,
    timers: overrides.timers ?? systemTimers(clock),
    ids: overrides.ids ?? randomIds,
    log,
  });
  return { ...stores, engine, events, providers, clock };
}

/** The composition root: opens the store, builds the services and the server, and listens. */
export async function startEmulator(config: Config, log: Logger, overrides: EmulatorOverrides = {}): Promise<RunningEmulator> {
  const ids = overrides.ids ?? randomIds;
  const db: Db = openDatabase(config.dataDir);
  const built = buildEngine(db, config, log, overrides);
  const { engine, events } = built;
  const stopLogging = logEngineEvents(events, log);
  const pipelineDeps = { ...built, tags: new TagStore(db), customActionTypes: () => built.providers.customTypes() };
  const dispatcher = new Dispatcher(
    [codePipelineService(pipelineDeps), modelOnlyService('codebuild'), modelOnlyService('codedeploy'), modelOnlyService('codecommit')],
    log,
  );
  const app = await buildServer({ dispatcher, ids, log, defaults: { account: config.account, region: config.region } });
  let pipelineFiles: PipelineFilesSync | undefined;
  try {
    // Files are loaded before listening, so their pipelines exist by the time a client can connect.
    if (config.pipelinesDir) {
      const scope = { account: config.account, region: config.region };
      pipelineFiles = await syncPipelineFiles({ dir: config.pipelinesDir, pipelines: pipelineDeps, scope, ids, log });
    }
    engine.recover();
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    engine.close();
    await pipelineFiles?.close();
    db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  log.info({ url, dataDir: config.dataDir }, `codepipeline-local listening on ${url}`);
  let closed = false;
  return {
    url,
    app,
    engine,
    events,
    async close() {
      if (closed) return;
      closed = true;
      await pipelineFiles?.close();
      await app.close();
      engine.close();
      stopLogging();
      db.close();
    },
  };
}
