import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';
import type { Scope } from '../model/index.js';

/** Where change detection left one source action: what it watched, and the revisions it last saw. */
export interface SourceWatchState {
  /** Identifies what was watched (provider, repository, branch, triggers); a different one starts afresh. */
  fingerprint: string;
  /** Revision last seen per watched ref (full ref name) or per object (`object`). */
  revisions: Record<string, string>;
  updatedMs: number;
}

/** The identity of a pipeline version, as change detection follows pipelines. */
export interface PipelineVersionKey extends Scope {
  name: string;
  version: number;
  /** When the pipeline was last written; tells a pipeline deleted and created again at the same version apart. */
  updatedMs: number;
}

interface Row {
  fingerprint: string;
  revisions: string;
  updated_ms: number;
}

const KEY = 'account = ? AND region = ? AND pipeline_name = ?';

/** Reads and writes change detection's state, so commits made while the emulator was down are found at start-up. */
export class SourceWatchStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Returns the state of one source action, or undefined when it was never watched. */
  get(scope: Scope, pipelineName: string, actionName: string): SourceWatchState | undefined {
    const row = this.sql(`SELECT fingerprint, revisions, updated_ms FROM source_watch_state WHERE ${KEY} AND action_name = ?`)
      .get(scope.account, scope.region, pipelineName, actionName) as Row | undefined;
    return row && { fingerprint: row.fingerprint, revisions: JSON.parse(row.revisions), updatedMs: row.updated_ms };
  }

  /** Stores the state of one source action. */
  put(scope: Scope, pipelineName: string, actionName: string, state: SourceWatchState): void {
    this.sql(
      `INSERT INTO source_watch_state (account, region, pipeline_name, action_name, fingerprint, revisions, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account, region, pipeline_name, action_name) DO UPDATE SET fingerprint = excluded.fingerprint, revisions = excluded.revisions, updated_ms = excluded.updated_ms`,
    ).run(scope.account, scope.region, pipelineName, actionName, state.fingerprint, JSON.stringify(state.revisions), state.updatedMs);
  }

  /** Forgets every source action of a pipeline except those named in `keep`. */
  forget(scope: Scope, pipelineName: string, keep: readonly string[] = []): void {
    const rows = this.sql(`SELECT action_name FROM source_watch_state WHERE ${KEY}`).all(scope.account, scope.region, pipelineName) as { action_name: string }[];
    for (const { action_name } of rows) if (!keep.includes(action_name)) this.forgetAction(scope, pipelineName, action_name);
  }

  /** Lists the source actions change detection holds state for. */
  watchedActions(): (Scope & { pipelineName: string; actionName: string })[] {
    const rows = this.sql('SELECT account, region, pipeline_name, action_name FROM source_watch_state').all() as { account: string; region: string; pipeline_name: string; action_name: string }[];
    return rows.map((r) => ({ account: r.account, region: r.region, pipelineName: r.pipeline_name, actionName: r.action_name }));
  }

  /** Forgets one source action's state. */
  forgetAction(scope: Scope, pipelineName: string, actionName: string): void {
    this.sql(`DELETE FROM source_watch_state WHERE ${KEY} AND action_name = ?`).run(scope.account, scope.region, pipelineName, actionName);
  }

  /**
   * Lists every pipeline of every account and region with its current version: a cheap query that tells change
   * detection which pipelines appeared, changed or went away. (It reads the pipelines table, which PipelineStore owns.)
   */
  pipelineVersions(): PipelineVersionKey[] {
    return this.sql('SELECT account, region, name, version, updated_ms AS updatedMs FROM pipelines ORDER BY account, region, name').all() as PipelineVersionKey[];
  }
}
