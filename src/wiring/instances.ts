import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { onPremisesHandlers as onPremisesHandlerTable, type CodeDeployHandlers } from '../api/codedeploy/index.js';
import { AgentSessions, createAgent, type DeployToInstance, InstanceContainers, instanceUrl, InstanceImage, InstanceRegistry } from '../codedeploy/index.js';
import { createDockerClient } from '../runner/index.js';
import { InstanceStore, type InstanceRecord } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** The path listing every instance with its URL (for `codepipeline-local instances` and the console). */
export const INSTANCES_PAGE = '/codedeploy/instances';

/** The instances of one emulator: the registry behind the on-premises API, and the agent that deploys to them. */
export interface InstancesRuntime {
  registry: InstanceRegistry;
  store: InstanceStore;
  image: InstanceImage;
  /** Deploys one revision to one instance (the CodeDeploy agent). */
  agent: DeployToInstance;
  /** The agent process of each instance container. */
  sessions: AgentSessions;
}

const runtimes = new WeakMap<FeatureContext, InstancesRuntime>();

/** The instances runtime of an emulator, made once per feature context so the deploys feature shares it. */
export function instancesOf(ctx: FeatureContext): InstancesRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const docker = createDockerClient(ctx.config.dockerHost, ctx.config);
    const store = new InstanceStore(ctx.db);
    const image = new InstanceImage({ docker, log: ctx.log });
    const limits = { memoryBytes: ctx.config.instanceMemoryMb * 1024 * 1024, cpus: ctx.config.instanceCpus, pidsLimit: ctx.config.instancePidsLimit };
    const containers = new InstanceContainers({ docker, image, installationId: store.installationId(randomUUID), limits, log: ctx.log });
    const sessions = new AgentSessions({ docker, log: ctx.log });
    const registry = new InstanceRegistry({ store, containers, clock: ctx.clock, log: ctx.log, onRunning: (id) => sessions.warm(id) });
    runtime = { registry, store, image, sessions, agent: createAgent({ docker, log: ctx.log, clock: ctx.clock, sessions }) };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}

/** The on-premises operations (RegisterOnPremisesInstance, ...) for the CodeDeploy service's handler table. */
export function onPremisesHandlers(ctx: FeatureContext): CodeDeployHandlers {
  return onPremisesHandlerTable({ registry: instancesOf(ctx).registry });
}

/** One instance as the instances page lists it. */
export function instanceSummary(record: InstanceRecord) {
  return {
    account: record.account,
    region: record.region,
    instanceName: record.instanceName,
    instanceArn: record.instanceArn,
    registrationStatus: record.deregisterMs === undefined ? 'Registered' : 'Deregistered',
    tags: record.tags,
    ...(record.container ? { url: instanceUrl(record.container.hostPort), containerName: record.container.name } : {}),
  };
}

function routes(store: InstanceStore, app: FastifyInstance): void {
  app.get(INSTANCES_PAGE, async () => {
    return { instances: store.allRegistered().map(instanceSummary) };
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
    routes: (app) => routes(runtime.store, app),
    start: () => runtime.registry.restoreAll(),
    close: () => runtime.sessions.closeAll(),
  };
}
