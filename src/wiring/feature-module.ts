import type { FastifyInstance } from 'fastify';
import type { ServiceDefinition } from '../api/index.js';
import type { Config } from '../config.js';
import type { Engine, EngineEventBus } from '../engine/index.js';
import type { ActionProvider } from '../providers/index.js';
import type { S3Storage } from '../s3/index.js';
import type { Clock, Ids, Logger, Timers } from '../shared/index.js';
import type { Db, PipelineStore } from '../store/index.js';

/** What the composition root hands each feature (sources, builds, deploys) to build itself from. */
export interface FeatureContext {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  timers: Timers;
  ids: Ids;
  engine: Engine;
  events: EngineEventBus;
  pipelines: PipelineStore;
  /** The one S3 stand-in over `--s3-dir`: the S3 API and every feature that reads or writes objects share it. */
  s3: S3Storage;
  /** The server's own base URL (e.g. for cloneUrlHttp and log links), known once it listens. */
  baseUrl(): string;
  /**
   * True once the server has sent its first answer, or has listened a while without a request; false if it closes
   * first. Background work that loads heavy modules (the Docker client) waits for it, so the first request does not.
   */
  whenServing(): Promise<boolean>;
}

/** What a feature adds to the emulator: services on the API port, action providers, HTTP routes, and a lifecycle. */
export interface FeatureModule {
  services?: ServiceDefinition[];
  providers?: ActionProvider[];
  /** Adds HTTP routes (e.g. git smart HTTP, build logs) to the one server, before it listens. */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** Starts background work (watchers) once the server listens. */
  start?(): Promise<void>;
  /** Stops background work; called before the server closes. */
  close?(): Promise<void>;
}
