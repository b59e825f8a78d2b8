import type { Clock, Logger } from '../shared/index.js';
import type { InstanceRecord, InstanceStore, InstanceTag, Scope } from '../store/index.js';
import type { DeployTarget } from './instance-deployment.js';
import type { InstanceEngines } from './instance-engines.js';
import { matchesTargeting, type InstanceTargeting } from './tag-filters.js';

/** A registered instance that deployments can reach: its container and the URL of its Nginx. */
export interface LocalInstance {
  instanceName: string;
  instanceArn: string;
  tags: InstanceTag[];
  /** What the agent deploys to (DeployToInstance's `target`). */
  target: DeployTarget;
  containerName: string;
  hostPort: number;
  /** `http://127.0.0.1:<port>/`, or `http://HOST:<port>/` on a `tcp://HOST` engine. */
  url: string;
}

/** What a registration stores, checked by the API beforehand. */
export interface Registration {
  instanceName: string;
  instanceArn: string;
  iamUserArn?: string;
  iamSessionArn?: string;
}

/** What the instance registry needs. */
export interface InstanceRegistryDeps {
  store: InstanceStore;
  /** The engines the containers are on (one for `--executor local`). */
  containers: Pick<InstanceEngines, 'scan' | 'create' | 'ensureRunning' | 'remove' | 'urlOf'>;
  clock: Clock;
  log: Logger;
  /** Told of each container once it runs, so its agent starts with it (as an instance boots its agent). */
  onRunning?(containerId: string): void;
}

/** Turns a stored, registered instance with a container into a {@link LocalInstance}; `urlOf` gives its URL. */
export function toLocalInstance(record: InstanceRecord, urlOf: (hostPort: number) => string): LocalInstance | undefined {
  if (record.deregisterMs !== undefined || !record.container) return undefined;
  const { id, name, hostPort } = record.container;
  return {
    instanceName: record.instanceName,
    instanceArn: record.instanceArn,
    tags: record.tags,
    target: { instanceName: record.instanceName, container: id },
    containerName: name,
    hostPort,
    url: urlOf(hostPort),
  };
}

/** The on-premises instances of the emulator: registrations in the store, each backed by a running Nginx container. */
export class InstanceRegistry {
  constructor(private readonly deps: InstanceRegistryDeps) {}

  /** Returns an instance, registered or deregistered, or undefined. */
  get(scope: Scope, name: string): InstanceRecord | undefined {
    return this.deps.store.get(scope, name);
  }

  /** Lists the instances of a scope in name order, registered and deregistered. */
  list(scope: Scope): InstanceRecord[] {
    return this.deps.store.list(scope);
  }

  /** The registered instances of a scope that can be deployed to, in name order. */
  localInstances(scope: Scope): LocalInstance[] {
    return this.list(scope).flatMap((r) => toLocalInstance(r, this.urlOf(r)) ?? []);
  }

  /** The registered instances a deployment group's tag filters or tag sets select (codedeploy.md §3.2). */
  matching(scope: Scope, targeting: InstanceTargeting): LocalInstance[] {
    return this.localInstances(scope).filter((i) => matchesTargeting(i.tags, targeting));
  }

  /**
   * Registers an instance and starts its container; returns undefined when the name is already registered.
   * When the container cannot be started the registration is undone and the error thrown.
   */
  async register(scope: Scope, registration: Registration): Promise<LocalInstance | undefined> {
    const { instanceName } = registration;
    if (!this.deps.store.register(scope, registration, this.deps.clock.now())) return undefined;
    try {
      // A container left behind by an earlier registration of this name would hold the name Docker needs.
      await this.deps.containers.remove(scope, instanceName, undefined);
      const container = await this.deps.containers.create(scope, instanceName);
      this.deps.store.setContainer(scope, instanceName, container);
      this.deps.onRunning?.(container.id);
    } catch (error) {
      this.deps.store.delete(scope, instanceName);
      throw error;
    }
    const record = this.deps.store.get(scope, instanceName)!;
    const instance = toLocalInstance(record, this.urlOf(record))!;
    this.deps.log.info({ instance: instanceName, url: instance.url, container: instance.containerName }, `instance ${instanceName} is registered; its Nginx answers at ${instance.url}`);
    return instance;
  }

  /** Deregisters an instance and removes its container; returns false when no registered instance has the name. */
  async deregister(scope: Scope, name: string): Promise<boolean> {
    const previous = this.deps.store.deregister(scope, name, this.deps.clock.now());
    if (!previous) return false;
    this.deps.store.setContainer(scope, name, undefined);
    await this.deps.containers.remove(scope, name, previous.container);
    this.deps.log.info({ instance: name }, `instance ${name} is deregistered; its container is removed`);
    return true;
  }

  /** The URL of a stored instance's Nginx on a port: on its engine's host. */
  urlOf(record: Pick<InstanceRecord, 'account' | 'region' | 'instanceName'>): (hostPort: number) => string {
    return (hostPort) => this.deps.containers.urlOf({ account: record.account, region: record.region }, record.instanceName, hostPort);
  }

  /** Replaces the tags of several instances in one transaction. */
  updateTags(scope: Scope, names: string[], update: (tags: InstanceTag[]) => InstanceTag[]): void {
    this.deps.store.updateTags(scope, names, update);
  }

  /**
   * Starts the containers of every registered instance again (after an emulator or Docker restart), logging their
   * URLs. With none registered, the engines are listed for leftovers only once `serving` says the server has
   * answered: asking Docker loads its client, which a server that runs no container should not pay for at start.
   */
  async restoreAll(serving: Promise<boolean> = Promise.resolve(true)): Promise<void> {
    const registered = this.deps.store.allRegistered();
    if (registered.length === 0) {
      void serving.then((yes) => (yes ? this.deps.containers.scan() : undefined)).catch((err: unknown) => this.deps.log.warn({ err }, 'could not look for instance containers left by an earlier process'));
      return;
    }
    await this.deps.containers.scan();
    for (const record of registered) {
      const scope = { account: record.account, region: record.region };
      try {
        const container = await this.deps.containers.ensureRunning(scope, record.instanceName, record.container);
        if (container.id !== record.container?.id || container.hostPort !== record.container?.hostPort) {
          this.deps.store.setContainer(scope, record.instanceName, container);
        }
        this.deps.onRunning?.(container.id);
        const url = this.urlOf(record)(container.hostPort);
        this.deps.log.info({ instance: record.instanceName, url }, `instance ${record.instanceName} answers at ${url}`);
      } catch (error) {
        this.deps.log.error({ err: error, instance: record.instanceName }, `could not start the container of instance ${record.instanceName}`);
      }
    }
  }
}
