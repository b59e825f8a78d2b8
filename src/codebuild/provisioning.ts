import { inspectImage, PROJECT_LABEL_KEY, withProjectLabel } from '../runner/index.js';
import { CACHE_MOUNT } from './build-cache.js';
import type { BuildContext } from './build-context.js';
import { BuildResources } from './build-resources.js';
import { BuildInterrupted } from './command-phases.js';
import { buildContainerLimits } from './compute-limits.js';
import { buildEnvironment } from './build-environment.js';
import { ShellSession } from './shell-session.js';
import type { PhaseContext } from './phases.js';
import { BUILD_OWNER_LABEL, buildContainerName } from './warm-containers.js';

/** Labels of what builds create in Docker: the owner on every build container, the project on its cache volume. */
export const BUILD_LABELS = {
  owner: BUILD_OWNER_LABEL,
  project: `${PROJECT_LABEL_KEY}.codebuild-project`,
} as const;

// Where privileged builds reach the Docker engine: the conventional socket path, which docker clients use by default.
const DOCKER_SOCKET_IN_BUILD = '/var/run/docker.sock';

/**
 * PROVISIONING: takes a started build container (a warm one when one is ready), made with its compute type's memory
 * and CPUs (capped by the emulator's limits), a process limit, the project's cache volume when the buildspec caches
 * paths, and in privileged mode the emulator's Docker engine (its socket at /var/run/docker.sock); watches what it
 * writes; and opens the shell session that hands every command the build's environment, CODEBUILD_SRC_DIR as its
 * working folder. Returns the failure context when the image is missing; throws on other Docker errors (a FAULT).
 */
export async function provision(ctx: BuildContext): Promise<PhaseContext | undefined> {
  const { request, deps } = ctx;
  const image = await inspectImage(ctx.engine.docker, request.image);
  if (image === undefined) {
    return {
      statusCode: 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE',
      message: `Unable to pull customer's container image. Image ${request.image} is not present in the Docker engine ${ctx.engine.host ?? 'of this machine'}`,
    };
  }
  const buildspec = ctx.buildspec.ok ? ctx.buildspec.buildspec : undefined;
  const secrets = ctx.buildspecSecrets.ok ? ctx.buildspecSecrets.values : {};
  const env = buildEnvironment(request, { layout: ctx.layout, buildspec, buildspecSecrets: secrets, startMs: ctx.startMs });
  const withCache = request.cacheVolume !== undefined && ctx.cache.folders.length > 0;
  if (withCache) await ensureCacheVolume(ctx, request.cacheVolume as string);
  const limits = buildContainerLimits(request.computeType, deps.limits);
  // Not raced against a stop: the container must exist (and be known) before it can be removed.
  const container = await ctx.engine.containers.take(
    {
      image: request.image,
      imageId: image.Id,
      limits,
      binds: request.privilegedMode ? dockerSocketBinds(ctx) : undefined,
      volumes: withCache ? [{ name: request.cacheVolume as string, target: CACHE_MOUNT }] : undefined,
    },
    buildContainerName(request.buildId),
  );
  ctx.container = container;
  // A stop that came while the container was being taken finds it here.
  if (ctx.control.reason !== undefined) {
    await container.remove();
    throw new BuildInterrupted(ctx.control.reason);
  }
  ctx.resources = new BuildResources({
    container,
    memoryMb: limits.memoryMb,
    diskMb: deps.limits.diskMb,
    pidsLimit: deps.limits.pidsLimit,
    checkMs: deps.limits.diskCheckMs,
    onLimit: (context) => ctx.control.fail(context),
  });
  ctx.resources.start();
  ctx.session = new ShellSession({
    container,
    env,
    version: buildspec?.version ?? '0.2',
    shell: buildspec?.env.shell ?? '/bin/sh',
    srcDir: ctx.layout.srcDir,
  });
  // Started now, so their execs are under way before DOWNLOAD_SOURCE: root's copies the sources in.
  ctx.session.prepare();
  if (buildspec?.runAs !== undefined) ctx.session.prepare(buildspec.runAs);
  for (const line of ['Running on CodeBuild On-demand', 'Waiting for agent ping', 'Waiting for DOWNLOAD_SOURCE']) {
    ctx.log.agent(line);
  }
  return undefined;
}

// Created here rather than implicitly by the mount, so the volume carries the project label like everything else.
async function ensureCacheVolume(ctx: BuildContext, name: string): Promise<void> {
  // Creating a volume that exists is a no-op that returns it, so concurrent builds of a project need no lock.
  await ctx.engine.docker.createVolume({ Name: name, Labels: withProjectLabel({ [BUILD_LABELS.project]: ctx.request.projectName }) });
}

// Privileged mode hands the build the emulator's own Docker engine (its socket), the simplest honest way to let a
// build run `docker build`/`docker push`: it gives the build full control of that engine (and through it of the
// host). The container itself is not run `--privileged`: that fails where the engine cannot grant every capability
// (rootless or nested Docker), and builds use privileged mode for a Docker engine, which the socket gives.
function dockerSocketBinds(ctx: BuildContext): string[] | undefined {
  const socketPath = (ctx.engine.docker.modem as { socketPath?: unknown }).socketPath;
  if (typeof socketPath !== 'string' || socketPath === '') {
    ctx.deps.log.warn({ buildId: ctx.request.buildId }, 'privilegedMode: the Docker engine is not on a local socket; the build gets no Docker engine');
    return undefined;
  }
  return [`${socketPath}:${DOCKER_SOCKET_IN_BUILD}`];
}
