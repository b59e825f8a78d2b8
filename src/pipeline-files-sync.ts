import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { applyPipelineFile, pipelineFileSchemas } from './api/codepipeline/pipeline-files.js';
import type { CodePipelineDeps, RequestContext } from './api/index.js';
import { WireError } from './api/protocol/index.js';
import { ENV } from './config.js';
import { formatArn, type Ids, type Logger } from './shared/index.js';
import type { Scope } from './store/index.js';
import { PipelineFileWatcher } from './watch/pipeline-files.js';

/** What keeping a folder of pipeline files in sync needs. */
export interface PipelineFilesSyncDeps {
  /** The folder of declarative pipeline files. */
  dir: string;
  pipelines: CodePipelineDeps;
  /** The account and region the file-declared pipelines belong to. */
  scope: Scope;
  ids: Ids;
  log: Logger;
}

/** A running sync of a folder of pipeline files; close() stops watching. */
export interface PipelineFilesSync {
  close(): Promise<void>;
}

async function assertDirectory(dir: string): Promise<void> {
  const stats = await stat(dir).catch(() => undefined);
  if (!stats?.isDirectory()) {
    throw new Error(`The pipelines directory ${dir} does not exist or is not a directory (--pipelines-dir or ${ENV.pipelinesDir})`);
  }
}

function contextFor(scope: Scope, ids: Ids): RequestContext {
  // Files act as the account's root user, as if it had called CreatePipeline itself.
  return { requestId: ids.uuid(), accessKeyId: 'pipeline-file', account: scope.account, region: scope.region, principalArn: formatArn({ service: 'iam', account: scope.account, resource: 'root' }) };
}

function logFailure(log: Logger, file: string, error: unknown): void {
  const name = basename(file);
  if (error instanceof WireError) return void log.warn({ file, errorName: error.errorName }, `pipeline file ${name} is invalid: ${error.errorName}: ${error.message}`);
  log.error({ file, err: error }, `pipeline file ${name} could not be applied: ${(error as Error).message}`);
}

function applyAndLog(deps: PipelineFilesSyncDeps, schemas: ReturnType<typeof pipelineFileSchemas>, owners: Map<string, string>, file: string, text: string): void {
  const { log } = deps;
  const name = basename(file);
  try {
    const result = applyPipelineFile(deps.pipelines, schemas, file, text, contextFor(deps.scope, deps.ids));
    const rival = [...owners].find(([other, pipeline]) => other !== file && pipeline === result.name)?.[0];
    if (rival) log.warn({ file, rival }, `pipeline file ${name}: pipeline '${result.name}' is also declared by ${basename(rival)}; the file changed last wins`);
    owners.set(file, result.name);
    const line = `pipeline file ${name}: ${result.outcome} pipeline '${result.name}' (version ${result.version})`;
    if (result.outcome === 'unchanged') log.debug({ file, ...result }, line);
    else log.info({ file, ...result }, line);
  } catch (error) {
    logFailure(log, file, error);
  }
}

/**
 * Loads every pipeline file of a folder (resolving once all are applied), then applies each change as it
 * happens; a removed file leaves its pipeline in place.
 */
export async function syncPipelineFiles(deps: PipelineFilesSyncDeps): Promise<PipelineFilesSync> {
  await assertDirectory(deps.dir);
  const schemas = pipelineFileSchemas();
  const owners = new Map<string, string>(); // file -> the pipeline it declares
  const watcher = new PipelineFileWatcher(deps.dir);
  watcher.on('pipeline-file:changed', ({ file, text }) => applyAndLog(deps, schemas, owners, file, text));
  watcher.on('pipeline-file:removed', ({ file }) => {
    const pipeline = owners.get(file);
    owners.delete(file);
    // Deleting pipelines because a file vanished (an editor's rename, a git checkout) would lose history.
    deps.log.info({ file, pipeline }, `pipeline file ${basename(file)} was removed${pipeline ? `; pipeline '${pipeline}' is kept` : ''}`);
  });
  watcher.on('pipeline-file:unreadable', ({ file, error }) => deps.log.warn({ file, err: error }, `pipeline file ${basename(file)} could not be read: ${error.message}`));
  try {
    await watcher.initialScan();
  } catch (error) {
    await watcher.close();
    throw error;
  }
  return { close: () => watcher.close() };
}
