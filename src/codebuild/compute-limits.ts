import type { ContainerLimits } from '../runner/index.js';

/** What the emulator lets one build container use, whatever its compute type asks for. */
export interface BuildLimits {
  /** The most memory a build gets (MB): its compute type's memory, capped here (the host's memory by default). */
  maxMemoryMb: number;
  /** The most CPUs a build gets: its compute type's vCPUs, capped here (the host's CPUs by default). */
  maxCpus: number;
  /** The most processes a build container may hold at once. */
  pidsLimit: number;
  /** The most a build may write to its container's filesystem (MB); past it the build fails as out of space. */
  diskMb: number;
  /** How often the written size and the processes are checked (ms). */
  diskCheckMs: number;
}

/** How often a build's written size is checked unless told otherwise (ms). */
export const DISK_CHECK_MS = 2_000;

const MB = 1024 * 1024;

// CodeBuild's compute types for containers: memory (MB) and vCPUs, as AWS's documentation lists them for Linux.
const COMPUTE_TYPES: Record<string, { memoryMb: number; cpus: number }> = {
  BUILD_GENERAL1_SMALL: { memoryMb: 3 * 1024, cpus: 2 },
  BUILD_GENERAL1_MEDIUM: { memoryMb: 7 * 1024, cpus: 4 },
  BUILD_GENERAL1_LARGE: { memoryMb: 15 * 1024, cpus: 8 },
  BUILD_GENERAL1_XLARGE: { memoryMb: 70 * 1024, cpus: 36 },
  BUILD_GENERAL1_2XLARGE: { memoryMb: 145 * 1024, cpus: 72 },
};

// Lambda compute types name their memory; they get what AWS gives Lambda for it (1 vCPU per 1769 MB, at most 6).
function lambdaCompute(computeType: string): { memoryMb: number; cpus: number } | undefined {
  const gb = /^BUILD_LAMBDA_(\d+)GB$/.exec(computeType)?.[1];
  if (gb === undefined) return undefined;
  const memoryMb = Number(gb) * 1024;
  return { memoryMb, cpus: Math.min(6, Math.max(1, Math.round(memoryMb / 1769))) };
}

/** The container limits of a build: its compute type's memory and vCPUs (SMALL when unknown), capped by the emulator's limits. */
export function buildContainerLimits(computeType: string | undefined, limits: BuildLimits): ContainerLimits & { memoryMb: number } {
  const compute = COMPUTE_TYPES[computeType ?? ''] ?? lambdaCompute(computeType ?? '') ?? COMPUTE_TYPES.BUILD_GENERAL1_SMALL;
  const memoryMb = Math.min(compute.memoryMb, limits.maxMemoryMb);
  return { memoryMb, memoryBytes: memoryMb * MB, cpus: Math.min(compute.cpus, limits.maxCpus), pidsLimit: limits.pidsLimit };
}
