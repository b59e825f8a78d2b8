import type { FastifyInstance } from 'fastify';
import { buildServer, codePipelineService, Dispatcher, modelOnlyService } from './api/index.js';
import type { Config } from './config.js';
import { syncPipelineFiles, type PipelineFilesSync } from './pipeline-files-sync.js';
import { randomIds, systemClock, type Clock, type Ids, type Logger } from './shared/index.js';
import { openDatabase, PipelineStore, TagStore, type Db } from './store/index.js';

/** A running emulator: its address and a way to stop it cleanly. */
export interface RunningEmulator {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Optional replacements for time and ids, so tests can be deterministic. */
export interface EmulatorOverrides {
  clock?: Clock;
  ids?: Ids;
}

/** The composition root: opens the store, builds the services and the server, and listens. */
export async function startEmulator(config: Config, log: Logger, overrides: EmulatorOverrides = {}): Promise<RunningEmulator> {
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const db: Db = openDatabase(config.dataDir);
  const pipelineDeps = { pipelines: new PipelineStore(db), tags: new TagStore(db), clock };
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
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
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
    async close() {
      if (closed) return;
      closed = true;
      await pipelineFiles?.close();
      await app.close();
      db.close();
    },
  };
}
