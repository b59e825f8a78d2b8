import { setTimeout as delay } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { isStatus } from './container-basics.js';
import { limitsHostConfig, type ContainerLimits } from './container-limits.js';
import { withProjectLabel, type Labels } from './labels.js';

// The same idle command as a build container's: the job's container does nothing until it is exec'ed into.
const IDLE_COMMAND = ['tail', '-f', '/dev/null'];
// How often a job's task is looked at while it waits for a node or starts (ms).
const TASK_POLL_MS = 250;
// How long (in polls) the swarm has to see a removed container's task end: 10 s.
const TASK_END_POLLS = 40;

/** The node label that names a node's Docker engine, for the emulator to exec into the containers it runs there. */
export const NODE_ENGINE_LABEL = 'codepipeline-local.engine';

/** What one job service (one task, never restarted) is created with. */
export interface SwarmJobSpec {
  name: string;
  image: string;
  /** Labels of the service and of its task's container; the project label is added. */
  labels: Labels;
  /** Reserved and enforced alike: the swarm places the task only on a node with this much room. */
  limits?: ContainerLimits;
  /** Placement constraints (`node.labels.codebuild.compute==BUILD_GENERAL1_SMALL`). */
  constraints?: string[];
  /** Host paths bound in, `/host:/container`. */
  binds?: string[];
  /** Named volumes mounted, created on the node with these labels when absent. */
  volumes?: { name: string; target: string; labels?: Labels }[];
}

/** A job's task as far as its placement goes. */
export interface SwarmTask {
  /** The task's state: new, pending, assigned, preparing, running, rejected, failed, ... */
  state: string;
  /** The swarm's message for the state (`no suitable node (insufficient resources on 1 node)`, `No such image: …`). */
  message: string;
  nodeId?: string;
  containerId?: string;
  /** The ports the task publishes on its node (`PublishMode: host`): target port to published port. */
  published?: Record<number, number>;
}

/** A job's task that ended before it ran: its state and the swarm's reason. */
export class SwarmTaskFailed extends Error {
  constructor(
    readonly task: SwarmTask,
    message: string,
  ) {
    super(message);
    this.name = 'SwarmTaskFailed';
  }
}

// The states a task passes before running, and those it ends in.
const WAITING = new Set(['new', 'allocated', 'pending']);
const ENDED = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

/**
 * Creates a `replicated-job` service of one task that runs the image's idle command, with its reservations and limits,
 * placement constraints and mounts; the task is never restarted (a task that fails ends the job). Returns its id.
 */
export async function createSwarmJob(docker: Dockerode, spec: SwarmJobSpec): Promise<string> {
  const serviceSpec: Dockerode.CreateServiceOptions = {
    Name: spec.name,
    Labels: withProjectLabel(spec.labels),
    TaskTemplate: taskTemplate(spec, IDLE_COMMAND, true),
    Mode: { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } },
  };
  const service = (await docker.createService(serviceSpec)) as unknown as Dockerode.Service;
  return service.id;
}

/**
 * Creates a replicated service of one task that runs the image's own command, publishing `port` (TCP) on the node it
 * runs on (`PublishMode: host`, on a port the node's engine picks), with limits but no reservations; the task is never
 * restarted, so a container that stops is not silently replaced by an empty one. Returns its id.
 */
export async function createSwarmReplica(docker: Dockerode, spec: SwarmJobSpec & { hostname?: string; port: number }): Promise<string> {
  const serviceSpec: Dockerode.CreateServiceOptions = {
    Name: spec.name,
    Labels: withProjectLabel(spec.labels),
    // Limits only: a long-lived instance reserving its limits would keep that room from every build and instance.
    TaskTemplate: taskTemplate(spec, undefined, false),
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: spec.port, PublishMode: 'host' }] },
  };
  const service = (await docker.createService(serviceSpec)) as unknown as Dockerode.Service;
  return service.id;
}

// One task's template: the image (and command, or the image's own), labels, init, mounts, limits (reserved too, or
// not), no restart.
function taskTemplate(spec: SwarmJobSpec & { hostname?: string }, command: string[] | undefined, reserve: boolean): Dockerode.TaskSpec {
  const labels = withProjectLabel(spec.labels);
  const host = limitsHostConfig(spec.limits);
  const resources = { ...(host.NanoCpus === undefined ? {} : { NanoCPUs: host.NanoCpus }), ...(host.Memory === undefined ? {} : { MemoryBytes: host.Memory }) };
  const mounts = [
    ...(spec.binds ?? []).map((bind) => {
      const [source, target] = bind.split(':');
      return { Type: 'bind' as const, Source: source, Target: target };
    }),
    ...(spec.volumes ?? []).map((v) => ({ Type: 'volume' as const, Source: v.name, Target: v.target, VolumeOptions: { Labels: withProjectLabel(v.labels) } })),
  ] as Dockerode.MountSettings[];
  return {
    ContainerSpec: { Image: spec.image, ...(command ? { Command: command } : {}), ...(spec.hostname ? { Hostname: spec.hostname } : {}), Labels: labels, Init: true, Mounts: mounts },
    // Pids is the Docker API 1.41 limit (Engine 20.10), not in the typings.
    Resources: { Reservations: reserve ? resources : {}, Limits: { ...resources, ...(host.PidsLimit === undefined ? {} : { Pids: host.PidsLimit }) } as Dockerode.Resources },
    RestartPolicy: { Condition: 'none', MaxAttempts: 0 },
    Placement: { Constraints: spec.constraints ?? [] },
  };
}

/** The newest task of a service as it is now (a job's one task, a replica's); undefined until the swarm has made it. */
export async function swarmJobTask(docker: Dockerode, serviceId: string): Promise<SwarmTask | undefined> {
  const tasks = (await docker.listTasks({ filters: { service: [serviceId] } })) as RawTask[];
  // The newest first: a job of one task has one, but a task the swarm replaced would be older.
  const task = tasks.sort((a, b) => (b.CreatedAt ?? '').localeCompare(a.CreatedAt ?? ''))[0];
  if (task === undefined) return undefined;
  const ports = task.Status?.PortStatus?.Ports ?? [];
  return {
    state: task.Status?.State ?? 'new',
    message: task.Status?.Err || task.Status?.Message || '',
    nodeId: task.NodeID || undefined,
    containerId: task.Status?.ContainerStatus?.ContainerID || undefined,
    ...(ports.length > 0 ? { published: Object.fromEntries(ports.map((p) => [p.TargetPort ?? 0, p.PublishedPort ?? 0])) } : {}),
  };
}

/**
 * Waits until a job's task runs and returns it; `onWaiting` hears the swarm's reason each time it changes while the
 * task waits for a node, `onAssigned` once it has one. Throws {@link SwarmTaskFailed} when the task ends before it
 * runs, and the signal's reason when aborted.
 */
export async function runningSwarmTask(
  docker: Dockerode,
  serviceId: string,
  watch: { signal: AbortSignal; onWaiting(message: string): void; onAssigned(): void },
): Promise<SwarmTask & { nodeId: string; containerId: string }> {
  let said: string | undefined;
  let assigned = false;
  for (;;) {
    watch.signal.throwIfAborted();
    const task = await swarmJobTask(docker, serviceId);
    if (task !== undefined && WAITING.has(task.state)) {
      if (task.message !== said) watch.onWaiting((said = task.message));
    } else if (task !== undefined) {
      if (!assigned) watch.onAssigned();
      assigned = true;
      if (ENDED.has(task.state)) throw new SwarmTaskFailed(task, task.message || `the task ended ${task.state}`);
      if (task.state === 'running' && task.nodeId !== undefined && task.containerId !== undefined) return { ...task, nodeId: task.nodeId, containerId: task.containerId };
    }
    await delay(TASK_POLL_MS, undefined, { signal: watch.signal }).catch(() => undefined);
  }
}

/**
 * Removes a job service and its task's container; either already gone is not an error. The task's container is
 * removed first, on its node's engine (`engineOf`; undefined when it cannot be reached), and the service only once
 * the swarm has seen the task end: Docker 20.10 leaves a running job's task running when its service is removed, and
 * its scheduler then keeps the task's reservation on the node for good.
 */
export async function removeSwarmService(docker: Dockerode, serviceId: string, engineOf: (nodeId: string) => Promise<Dockerode | undefined>): Promise<void> {
  let task: SwarmTask | undefined;
  try {
    task = await swarmJobTask(docker, serviceId);
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
  if (task?.containerId !== undefined && task.nodeId !== undefined && !ENDED.has(task.state)) {
    const engine = await engineOf(task.nodeId);
    await engine?.getContainer(task.containerId).remove({ force: true, v: true }).catch((err: unknown) => {
      if (!isStatus(err, 404) && !isStatus(err, 409)) throw err;
    });
    for (let poll = 0; poll < TASK_END_POLLS && engine !== undefined; poll++) {
      const now = await swarmJobTask(docker, serviceId).catch(() => undefined);
      if (now === undefined || ENDED.has(now.state)) break;
      await delay(TASK_POLL_MS);
    }
  }
  try {
    await docker.getService(serviceId).remove();
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
}

/** The services carrying these labels: their ids, names and labels. */
export async function swarmServicesLabelled(docker: Dockerode, labels: Labels): Promise<{ id: string; name: string; labels: Labels }[]> {
  const services = await docker.listServices({ filters: { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) } });
  return services.map((s) => ({ id: s.ID, name: s.Spec?.Name ?? s.ID, labels: s.Spec?.Labels ?? {} }));
}

/** A node of the swarm: its id, host name, labels, and whether it is the engine asked. */
export interface SwarmNode {
  id: string;
  hostname: string;
  labels: Record<string, string>;
}

/** The nodes of the swarm the engine manages. */
export async function swarmNodes(docker: Dockerode): Promise<SwarmNode[]> {
  const nodes = (await docker.listNodes()) as RawNode[];
  return nodes.map((n) => ({ id: n.ID, hostname: n.Description?.Hostname ?? n.ID, labels: n.Spec?.Labels ?? {} }));
}

/** A node's host name for messages: its id when the manager cannot list it, "no node" for a task not placed yet. */
export async function swarmNodeName(docker: Dockerode, nodeId: string | undefined): Promise<string> {
  const nodes = await swarmNodes(docker).catch((): SwarmNode[] => []);
  return nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId ?? 'no node';
}

/** The swarm node id of the engine itself; undefined when it is not in a swarm. */
export async function ownSwarmNodeId(docker: Dockerode): Promise<string | undefined> {
  const info = (await docker.info()) as { Swarm?: { NodeID?: string; LocalNodeState?: string } };
  return info.Swarm?.LocalNodeState === 'active' && info.Swarm.NodeID ? info.Swarm.NodeID : undefined;
}

interface RawTask {
  CreatedAt?: string;
  NodeID?: string;
  Status?: { State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string }; PortStatus?: { Ports?: { TargetPort?: number; PublishedPort?: number }[] } };
}

interface RawNode {
  ID: string;
  Description?: { Hostname?: string };
  Spec?: { Labels?: Record<string, string> };
}

/** Runs a step on the swarm's manager and throws, when it fails, what `failure` makes of its error (a message saying the manager cannot be reached or is no manager). */
export async function onSwarmManager<T>(step: () => Promise<T>, failure: (error: unknown) => unknown): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw failure(error);
  }
}
