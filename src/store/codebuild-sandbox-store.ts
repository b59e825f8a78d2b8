import type Database from 'better-sqlite3';
import type { CommandExecutionRecord, SandboxRecord, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** Reads and writes CodeBuild sandboxes and the commands run in them, each one JSON record per row. */
export class CodeBuildSandboxStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new sandbox. */
  insertSandbox(sandbox: SandboxRecord): void {
    this.sql('INSERT INTO codebuild_sandboxes (id, account, region, project_name, record) VALUES (?, ?, ?, ?, ?)').run(
      sandbox.id,
      sandbox.account,
      sandbox.region,
      sandbox.projectName,
      JSON.stringify(sandbox),
    );
  }

  /** Replaces a sandbox's record. */
  updateSandbox(sandbox: SandboxRecord): void {
    this.sql('UPDATE codebuild_sandboxes SET record = ? WHERE id = ?').run(JSON.stringify(sandbox), sandbox.id);
  }

  /** Finds a sandbox of a scope by id. */
  getSandbox(scope: Scope, id: string): SandboxRecord | undefined {
    const row = this.sql('SELECT record FROM codebuild_sandboxes WHERE id = ? AND account = ? AND region = ?').get(id, scope.account, scope.region) as { record: string } | undefined;
    return row && (JSON.parse(row.record) as SandboxRecord);
  }

  /** The ids of a scope's sandboxes (of one project when given), newest first unless ASCENDING. */
  listSandboxIds(scope: Scope, order: 'ASCENDING' | 'DESCENDING', projectName?: string): string[] {
    const dir = order === 'ASCENDING' ? 'ASC' : 'DESC';
    const rows = (
      projectName === undefined
        ? this.sql(`SELECT id FROM codebuild_sandboxes WHERE account = ? AND region = ? ORDER BY seq ${dir}`).all(scope.account, scope.region)
        : this.sql(`SELECT id FROM codebuild_sandboxes WHERE account = ? AND region = ? AND project_name = ? ORDER BY seq ${dir}`).all(scope.account, scope.region, projectName)
    ) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Every sandbox whose status is one of those given, in any scope (recovery after a restart). */
  sandboxesWithStatus(statuses: readonly string[]): SandboxRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_sandboxes ORDER BY seq').all() as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as SandboxRecord).filter((s) => statuses.includes(s.status));
  }

  /** Stores or replaces a command execution. */
  putCommand(command: CommandExecutionRecord): void {
    this.sql(
      'INSERT INTO codebuild_command_executions (id, sandbox_id, status, record) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, record = excluded.record',
    ).run(command.id, command.sandboxId, command.status, JSON.stringify(command));
  }

  /** Finds a command execution of a sandbox by id. */
  getCommand(sandboxId: string, id: string): CommandExecutionRecord | undefined {
    const row = this.sql('SELECT record FROM codebuild_command_executions WHERE id = ? AND sandbox_id = ?').get(id, sandboxId) as { record: string } | undefined;
    return row && (JSON.parse(row.record) as CommandExecutionRecord);
  }

  /** A sandbox's command executions, newest first unless ASCENDING. */
  listCommands(sandboxId: string, order: 'ASCENDING' | 'DESCENDING'): CommandExecutionRecord[] {
    const dir = order === 'ASCENDING' ? 'ASC' : 'DESC';
    const rows = this.sql(`SELECT record FROM codebuild_command_executions WHERE sandbox_id = ? ORDER BY seq ${dir}`).all(sandboxId) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as CommandExecutionRecord);
  }

  /** Every command execution not yet ended, in any sandbox (recovery after a restart). */
  unfinishedCommands(): CommandExecutionRecord[] {
    const rows = this.sql("SELECT record FROM codebuild_command_executions WHERE status IN ('SUBMITTED', 'IN_PROGRESS') ORDER BY seq").all() as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as CommandExecutionRecord);
  }
}
