import type Dockerode from 'dockerode';

/** What a container may use of the host: memory, CPUs and processes. Absent members leave Docker's default (none). */
export interface ContainerLimits {
  /** Memory in bytes; swap is not added on top, so the limit is what the container really gets. */
  memoryBytes?: number;
  /** CPUs, as a fraction of the host's (1.5 = one and a half CPUs). */
  cpus?: number;
  /** The most processes and threads the container may hold at once (a fork bomb stops there). */
  pidsLimit?: number;
}

const NANO_CPUS_PER_CPU = 1e9;

/** The HostConfig members that enforce a container's limits. */
export function limitsHostConfig(limits: ContainerLimits | undefined): Dockerode.HostConfig {
  if (limits === undefined) return {};
  return {
    ...(limits.memoryBytes === undefined ? {} : { Memory: limits.memoryBytes, MemorySwap: limits.memoryBytes }),
    ...(limits.cpus === undefined ? {} : { NanoCpus: Math.round(limits.cpus * NANO_CPUS_PER_CPU) }),
    ...(limits.pidsLimit === undefined ? {} : { PidsLimit: limits.pidsLimit }),
  };
}
