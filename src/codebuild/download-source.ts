import { packFolders, readUpTo } from '../runner/index.js';
import { restoreScript, saveScript } from './build-cache.js';
import { guarded, type BuildContext } from './build-context.js';
import { buildUuid } from './build-environment.js';
import type { Buildspec } from './buildspec.js';
import { COMMAND_PHASES } from './command-phases.js';
import type { PhaseContext } from './phases.js';
import { AGENT_TMP_ENTRY } from './shell-session.js';

// The largest source archive sent through the build's agent, which holds it in memory (bytes): 64 MiB.
const MAX_AGENT_ARCHIVE_BYTES = 64 * 1024 * 1024;

/**
 * DOWNLOAD_SOURCE: copies the sources into the container (never a bind mount: the build must not see the
 * emulator's files), then reports a buildspec that did not parse or whose secrets did not resolve, restores the
 * cache, and prints the agent's lines. Returns the failure context, if any.
 */
export async function downloadSource(ctx: BuildContext): Promise<PhaseContext | undefined> {
  const { log, layout, request } = ctx;
  log.agent(`CODEBUILD_SRC_DIR=${layout.srcDir}`);
  for (const [id, dir] of Object.entries(layout.secondary)) log.agent(`CODEBUILD_SRC_DIR_${id}=${dir}`);
  log.agent(`YAML location is ${request.buildspecLocation}`);
  await guarded(ctx, copySources(ctx));
  if (!ctx.buildspec.ok) return { statusCode: 'YAML_FILE_ERROR', message: ctx.buildspec.message };
  const buildspec = ctx.buildspec.buildspec;
  log.agent('Processing environment variables');
  if (!ctx.buildspecSecrets.ok) return { statusCode: ctx.buildspecSecrets.statusCode, message: ctx.buildspecSecrets.message };
  const runtimes = Object.keys(buildspec.phases.install?.runtimeVersions ?? {});
  log.agent(runtimes.length === 0 ? 'No runtime version selected in buildspec.' : `Runtime versions requested: ${runtimes.join(', ')}`);
  log.agent(`Moving to directory ${layout.srcDir}`);
  await guarded(ctx, restoreCache(ctx, buildspec));
  log.agent('Registering with agent');
  const present = COMMAND_PHASES.filter(([name]) => buildspec.phases[name] !== undefined);
  log.agent(`Phases found in YAML: ${present.length}`);
  for (const [name, label] of present) log.agent(` ${label}: ${buildspec.phases[name]?.commands.length ?? 0} commands`);
  return undefined;
}

// One archive: every source under its folder, and the agent's folder. Extracted by the build's agent when it is
// small enough to hold in memory (Docker's putArchive costs the engine a process of its own), else by Docker.
async function copySources(ctx: BuildContext): Promise<void> {
  const container = ctx.container;
  if (container === undefined) throw new Error('the build container is not running');
  const folders = ctx.request.sources.map((source) => ({
    dir: source.dir,
    prefix: source.identifier === undefined ? ctx.layout.srcDir : ctx.layout.secondary[source.identifier],
  }));
  const archive = await readUpTo(packFolders(folders, [AGENT_TMP_ENTRY]), MAX_AGENT_ARCHIVE_BYTES);
  if (archive.whole !== undefined && ctx.session !== undefined && (await ctx.session.extract(archive.whole, '/'))) return;
  await container.putArchive(archive.stream(), '/');
}

async function restoreCache(ctx: BuildContext, buildspec: Buildspec): Promise<void> {
  const { log, cache } = ctx;
  if (buildspec.cache === undefined || buildspec.cache.paths.length === 0) {
    log.agent('Cache is not defined in the buildspec');
    log.agent('Skip cache due to: no paths specified to be cached');
    return;
  }
  for (const path of cache.skipped) log.agent(`Skipping cache path ${path}: only directories can be cached locally`);
  if (ctx.request.cacheVolume === undefined) {
    log.agent('Skip cache due to: the project has no local cache');
    return;
  }
  if (cache.folders.length === 0 || buildspec.cache.action === 'save') return;
  log.agent(`Restoring local cache: ${cache.folders.map((f) => f.path).join(', ')}`);
  await runCacheScript(ctx, restoreScript(cache.folders));
}

/** Copies the cached folders into the project's cache volume (FINALIZING), unless the buildspec only restores. */
export async function saveCache(ctx: BuildContext): Promise<void> {
  const buildspec = ctx.buildspec.ok ? ctx.buildspec.buildspec : undefined;
  if (ctx.request.cacheVolume === undefined || ctx.cache.folders.length === 0) return;
  if (buildspec?.cache?.action === 'restore') return;
  await runCacheScript(ctx, saveScript(ctx.cache.folders, buildUuid(ctx.request.buildId)));
}

async function runCacheScript(ctx: BuildContext, script: string): Promise<void> {
  const out = ctx.log.output();
  const exitCode = await ctx.session?.runScript(script, {
    onStdout: (chunk) => out.write(chunk),
    onStderr: (chunk) => out.write(chunk),
  });
  out.flush();
  if (exitCode !== 0) ctx.deps.log.warn({ buildId: ctx.request.buildId, exitCode }, 'copying the build cache failed');
}
