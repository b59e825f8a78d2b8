import type { PipelineDeclaration, Tag, Scope } from '../model/index.js';
import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';

/** A stored pipeline: its current declaration (with `version`) and when it was created and last updated. */
export interface PipelineRecord {
  name: string;
  declaration: PipelineDeclaration;
  createdMs: number;
  updatedMs: number;
}

interface Row {
  name: string;
  declaration: string;
  created_ms: number;
  updated_ms: number;
}

function toRecord(row: Row): PipelineRecord {
  return { name: row.name, declaration: JSON.parse(row.declaration), createdMs: row.created_ms, updatedMs: row.updated_ms };
}

/** Reads and writes pipelines and their version history; every write is one transaction. */
export class PipelineStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Returns the current version of a pipeline, or undefined. */
  get(scope: Scope, name: string): PipelineRecord | undefined {
    const row = this.sql('SELECT name, declaration, created_ms, updated_ms FROM pipelines WHERE account = ? AND region = ? AND name = ?')
      .get(scope.account, scope.region, name) as Row | undefined;
    return row && toRecord(row);
  }

  /** Returns one past or current version of a pipeline's declaration, or undefined. */
  getVersion(scope: Scope, name: string, version: number): PipelineDeclaration | undefined {
    const row = this.sql('SELECT declaration FROM pipeline_versions WHERE account = ? AND region = ? AND name = ? AND version = ?')
      .get(scope.account, scope.region, name, version) as { declaration: string } | undefined;
    return row && JSON.parse(row.declaration);
  }

  /** Lists pipelines in name order, after a name (exclusive), at most `limit`. */
  list(scope: Scope, after: string | undefined, limit: number): PipelineRecord[] {
    const rows = this.sql('SELECT name, declaration, created_ms, updated_ms FROM pipelines WHERE account = ? AND region = ? AND name > ? ORDER BY name LIMIT ?')
      .all(scope.account, scope.region, after ?? '', limit) as Row[];
    return rows.map(toRecord);
  }

  /** Counts the pipelines of a scope. */
  count(scope: Scope): number {
    return (this.sql('SELECT COUNT(*) AS n FROM pipelines WHERE account = ? AND region = ?').get(scope.account, scope.region) as { n: number }).n;
  }

  /** Stores a new pipeline at version 1 with its tags; returns false when the name is taken. */
  create(scope: Scope, declaration: PipelineDeclaration, nowMs: number, tags: { arn: string; tags: Tag[] }): boolean {
    return this.db.transaction(() => {
      const taken = this.sql('SELECT 1 FROM pipelines WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, declaration.name);
      if (taken) return false;
      const json = JSON.stringify(declaration);
      this.sql('INSERT INTO pipelines (account, region, name, version, declaration, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(scope.account, scope.region, declaration.name, declaration.version, json, nowMs, nowMs);
      this.insertVersion(scope, declaration, json, nowMs);
      this.sql('DELETE FROM tags WHERE resource_arn = ?').run(tags.arn);
      const insertTag = this.sql('INSERT OR REPLACE INTO tags (resource_arn, key, value, position) VALUES (?, ?, ?, ?)');
      tags.tags.forEach((tag, i) => insertTag.run(tags.arn, tag.key, tag.value, i));
      return true;
    })();
  }

  /** Replaces a pipeline's declaration with the next version; returns false when it no longer exists. */
  update(scope: Scope, declaration: PipelineDeclaration, nowMs: number): boolean {
    return this.db.transaction(() => {
      const json = JSON.stringify(declaration);
      const result = this.sql('UPDATE pipelines SET version = ?, declaration = ?, updated_ms = ? WHERE account = ? AND region = ? AND name = ?')
        .run(declaration.version, json, nowMs, scope.account, scope.region, declaration.name);
      if (result.changes === 0) return false;
      this.insertVersion(scope, declaration, json, nowMs);
      return true;
    })();
  }

  /** Removes a pipeline, its history and its tags; returns whether it existed. */
  delete(scope: Scope, name: string, arn: string): boolean {
    return this.db.transaction(() => {
      const result = this.sql('DELETE FROM pipelines WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
      this.sql('DELETE FROM pipeline_versions WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
      this.sql('DELETE FROM tags WHERE resource_arn = ?').run(arn);
      return result.changes > 0;
    })();
  }

  private insertVersion(scope: Scope, declaration: PipelineDeclaration, json: string, nowMs: number): void {
    this.sql('INSERT INTO pipeline_versions (account, region, name, version, declaration, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(scope.account, scope.region, declaration.name, declaration.version, json, nowMs);
  }
}
