import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packFolders, PROJECT_LABEL_KEY, removeContainerQuietly, startStreamingContainer, type StreamingContainer } from '../runner/index.js';
import type { SandboxRecord } from '../store/index.js';
import { projectSources, SourceFailure, type ProjectSourceDeps } from './build-sources.js';
import type { BuildEngine } from './build-engines.js';
import { buildContainerLimits, type BuildLimits } from './compute-limits.js';
import { AGENT_TMP_ENTRY, ShellSession } from './shell-session.js';

/** The label on every sandbox container: the emulator's data folder, so a later start removes what a crashed process left. */
export const SANDBOX_OWNER_LABEL = `${PROJECT_LABEL_KEY}.codebuild-sandbox-owner`;

// Every sandbox container's name starts so, followed by the sandbox's uuid.
const SANDBOX_NAME_PREFIX = 'codepipeline-local-sandbox-';
// Where the project's source is put, as a build's lone source is (the digits are fixed: one sandbox, one container).
const SANDBOX_SRC_DIR = '/codebuild/output/src0/src';

/** The name of a sandbox's container. */
export function sandboxContainerName(sandboxId: string): string {
  return `${SANDBOX_NAME_PREFIX}${sandboxId.slice(sandboxId.indexOf(':') + 1)}`;
}

/** A sandbox's running container and the shell session its commands run through. */
export interface SandboxContainer {
  container: StreamingContainer;
  session: ShellSession;
  /** The commit (or object version) the project's source resolved to, when it has one. */
  resolvedSourceVersion?: string;
}

/** What starting a sandbox's container needs. */
export interface SandboxContainerDeps {
  engine: BuildEngine;
  limits: BuildLimits;
  /** The value of {@link SANDBOX_OWNER_LABEL}. */
  owner: string;
  sources: ProjectSourceDeps;
  /** A scratch folder of this sandbox's on the host, where its source is fetched before it is copied in. */
  workDir: string;
  /** Told each step (PROVISIONING, DOWNLOAD_SOURCE) as it begins. */
  onPhase(phase: 'PROVISIONING' | 'DOWNLOAD_SOURCE'): void;
}

/**
 * Starts a sandbox's container as a build's is started: the project's image (made present, mapped to a local one),
 * its compute type's memory and CPUs capped by the emulator's build limits, a process limit; then copies the
 * project's source into CODEBUILD_SRC_DIR and opens the shell session that runs each command with the sandbox's
 * environment, keeping the working folder and exported variables from one command to the next (as buildspec 0.2).
 */
export async function startSandboxContainer(sandbox: SandboxRecord, deps: SandboxContainerDeps): Promise<SandboxContainer> {
  deps.onPhase('PROVISIONING');
  const image = await deps.engine.images.prepare(sandbox.environment.image, () => undefined);
  const container = await startStreamingContainer(deps.engine.docker, {
    image,
    name: sandboxContainerName(sandbox.id),
    labels: { [SANDBOX_OWNER_LABEL]: deps.owner },
    limits: buildContainerLimits(sandbox.environment.computeType, deps.limits),
  });
  try {
    deps.onPhase('DOWNLOAD_SOURCE');
    const resolvedSourceVersion = await copySource(sandbox, deps, container);
    const session = new ShellSession({ container, env: sandboxEnvironment(sandbox), version: '0.2', shell: '/bin/sh', srcDir: SANDBOX_SRC_DIR });
    session.prepare();
    return { container, session, ...(resolvedSourceVersion !== undefined ? { resolvedSourceVersion } : {}) };
  } catch (error) {
    await container.remove().catch(() => undefined);
    throw error;
  }
}

// A pipeline's project has no source of its own outside the pipeline: its sandbox starts with an empty folder.
async function copySource(sandbox: SandboxRecord, deps: SandboxContainerDeps, container: StreamingContainer): Promise<string | undefined> {
  const source = sandbox.source.type === 'CODEPIPELINE' ? { type: 'NO_SOURCE' } : sandbox.source;
  mkdirSync(deps.workDir, { recursive: true });
  try {
    const prepared = await projectSources(deps.sources, sandbox, source, sandbox.sourceVersion)(deps.workDir);
    const dir = prepared.sources[0]?.dir;
    if (dir === undefined) throw new SourceFailure('the project source could not be prepared');
    await container.putArchive(packFolders([{ dir, prefix: SANDBOX_SRC_DIR }], [AGENT_TMP_ENTRY]), '/');
    return prepared.resolvedSourceVersion;
  } finally {
    rmSync(deps.workDir, { recursive: true, force: true });
  }
}

// The project's plain-text variables and CodeBuild's own basics; PARAMETER_STORE and SECRETS_MANAGER values are not resolved.
function sandboxEnvironment(sandbox: SandboxRecord): Record<string, string> {
  const env: Record<string, string> = {
    CODEBUILD_SRC_DIR: SANDBOX_SRC_DIR,
    CODEBUILD_BUILD_IMAGE: sandbox.environment.image,
    AWS_REGION: sandbox.region,
    AWS_DEFAULT_REGION: sandbox.region,
  };
  for (const v of sandbox.environment.environmentVariables ?? []) if ((v.type ?? 'PLAINTEXT') === 'PLAINTEXT') env[v.name] = v.value;
  return env;
}

/** Removes the sandbox containers of this owner that an earlier process left, sparing the names given (this process's). */
export async function removeSandboxLeftovers(engine: BuildEngine, owner: string, spare: ReadonlySet<string>): Promise<void> {
  const found = await engine.runner.listProjectContainers({ labels: { [SANDBOX_OWNER_LABEL]: owner } });
  const leftovers = found.filter((c) => c.name.startsWith(SANDBOX_NAME_PREFIX) && !spare.has(c.name));
  await Promise.all(leftovers.map((c) => removeContainerQuietly(engine.docker.getContainer(c.id))));
}

/** The scratch folder of a sandbox's source under a work root. */
export function sandboxWorkDir(workRoot: string, sandboxId: string): string {
  return join(workRoot, `sandbox-${sandboxId.slice(sandboxId.indexOf(':') + 1)}`);
}
