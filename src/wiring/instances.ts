import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { onPremisesHandlers as onPremisesHandlerTable, type CodeDeployHandlers } from '../api/codedeploy/index.js';
import { type DeployToInstance, InstanceContainers, InstanceEngines, InstanceImage, InstanceRegistry, SwarmInstances, type InstanceHosting } from '../codedeploy/index.js';
import type { Config } from '../config.js';
import { createDockerClient, SwarmNodeEngines, type ContainerLimits } from '../runner/index.js';
import { InstanceStore, type InstanceRecord } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** The path listing every instance with its URL (for `codepipeline-local instances` and the console). */
export const INSTANCES_PAGE = '/codedeploy/instances';

/** The instances of one emulator: the registry behind the on-premises API, and the agent that deploys to them. */
export interface InstancesRuntime {
  registry: InstanceRegistry;
  store: InstanceStore;
  /** Deploys one revision to one instance (the CodeDeploy agent), on the instance's engine. */
  agent: DeployToInstance;
  /** The engines the instance containers are on (the swarm's nodes for `swarm`), with the agent processes in them. */
  engines: InstanceHosting;
  /** Whether instances are placed on several engines (`--executor docker-host` or `swarm`): the page names each one's. */
  placed: boolean;
}

const runtimes = new WeakMap<FeatureContext, InstancesRuntime>();

/** The instances runtime of an emulator, made once per feature context so the deploys feature shares it. */
export function instancesOf(ctx: FeatureContext): InstancesRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const store = new InstanceStore(ctx.db);
    const installationId = store.installationId(randomUUID);
    const limits = { memoryBytes: ctx.config.instanceMemoryMb * 1024 * 1024, cpus: ctx.config.instanceCpus, pidsLimit: ctx.config.instancePidsLimit };
    const registered = (scope: { account: string; region: string }, name: string) => {
      const record = store.get(scope, name);
      return record !== undefined && record.deregisterMs === undefined;
    };
    const placed = ctx.config.executor !== 'local';
    const engines = ctx.config.executor === 'swarm' ? swarmInstances(ctx, installationId, limits, registered) : instanceEngines(ctx, installationId, limits, registered);
    const registry = new InstanceRegistry({ store, containers: engines, clock: ctx.clock, log: ctx.log, onRunning: (id) => engines.warm(id) });
    runtime = { registry, store, engines, placed, agent: engines.deploy };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}

/** The on-premises operations (RegisterOnPremisesInstance, ...) for the CodeDeploy service's handler table. */
export function onPremisesHandlers(ctx: FeatureContext): CodeDeployHandlers {
  return onPremisesHandlerTable({ registry: instancesOf(ctx).registry });
}

type Registered = (scope: { account: string; region: string }, name: string) => boolean;

// The engines of `local` (DOCKER_HOST's) and `docker-host` (--docker-hosts'), each with its instance containers.
function instanceEngines(ctx: FeatureContext, installationId: string, limits: ContainerLimits, registered: Registered): InstanceEngines {
  const placed = ctx.config.executor === 'docker-host';
  const specs = instanceHosts(ctx.config).map((host) => {
    const docker = createDockerClient(host, ctx.config);
    const image = new InstanceImage({ docker, log: ctx.log });
    // `local` keeps today's 127.0.0.1 publishing whatever DOCKER_HOST is.
    const publishHost = placed && !host.startsWith('unix://') ? new URL(host).hostname.replace(/^\[|\]$/g, '') : undefined;
    return { host, docker, containers: new InstanceContainers({ docker, image, installationId, limits, log: ctx.log, ...(publishHost ? { publishHost } : {}), readyInside: placed }) };
  });
  return new InstanceEngines({ engines: specs, log: ctx.log, clock: ctx.clock, nameEngines: placed, registered });
}

// `swarm`: each instance a service on the swarm --swarm-host manages; the instance image is built on the manager.
function swarmInstances(ctx: FeatureContext, installationId: string, limits: ContainerLimits, registered: Registered): SwarmInstances {
  const managerHost = ctx.config.swarmHost ?? ctx.config.dockerHost;
  const manager = createDockerClient(managerHost, ctx.config);
  const nodes = new SwarmNodeEngines({ managerHost, manager, engineClient: (host) => createDockerClient(host, ctx.config) });
  const log = ctx.log.child({ executor: 'swarm', swarmHost: managerHost });
  return new SwarmInstances({ managerHost, manager, nodes, image: new InstanceImage({ docker: manager, log }), installationId, limits, log, clock: ctx.clock, registered });
}

/** The engines instances are placed on: DOCKER_HOST's for the local executor, --docker-hosts' for docker-host (as builds). */
function instanceHosts(config: Config): string[] {
  return config.executor === 'docker-host' ? config.dockerHosts : [config.dockerHost];
}

/** One instance as the instances page lists it; `url` names its engine's host for a tcp:// engine. */
export function instanceSummary(record: InstanceRecord, url: (hostPort: number) => string, dockerHost?: string) {
  return {
    account: record.account,
    region: record.region,
    instanceName: record.instanceName,
    instanceArn: record.instanceArn,
    registrationStatus: record.deregisterMs === undefined ? 'Registered' : 'Deregistered',
    tags: record.tags,
    ...(record.container ? { url: url(record.container.hostPort), containerName: record.container.name } : {}),
    ...(dockerHost ? { dockerHost } : {}),
  };
}

function routes(runtime: InstancesRuntime, app: FastifyInstance): void {
  app.get(INSTANCES_PAGE, async () => {
    // The engine is named only when there may be several (--executor docker-host).
    const engineOf = (r: InstanceRecord) => (runtime.placed ? runtime.engines.hostOf({ account: r.account, region: r.region }, r.instanceName) : undefined);
    return { instances: runtime.store.allRegistered().map((r) => instanceSummary(r, runtime.registry.urlOf(r), engineOf(r))) };
  });
}

/**
 * Builds the instances feature: Nginx containers standing in for instances, registered through CodeDeploy's
 * on-premises API (whose handlers the deploys feature's CodeDeploy service serves, see onPremisesHandlers).
 * Containers outlive the emulator, like machines; at start the registered ones are found again by their
 * labels and started if they stopped.
 */
export function instancesFeature(ctx: FeatureContext): FeatureModule {
  const runtime = instancesOf(ctx);
  return {
    routes: (app) => routes(runtime, app),
    start: () => runtime.registry.restoreAll(ctx.whenServing()),
    close: () => runtime.engines.close(),
  };
}
