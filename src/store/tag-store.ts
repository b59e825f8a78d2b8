import type { Tag } from '../model/index.js';
import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';

/** Reads and writes the tags of any resource, keyed by its ARN, keeping the order they were first set in. */
export class TagStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Lists a resource's tags sorted by key. */
  list(arn: string): Tag[] {
    return this.sql('SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key').all(arn) as Tag[];
  }

  /** Adds or overwrites tags in one transaction, refusing (returning false) when the result would exceed `limit`. */
  put(arn: string, tags: Tag[], limit: number): boolean {
    return this.db.transaction(() => {
      const existing = new Map(this.list(arn).map((t) => [t.key, t.value]));
      const merged = new Map(existing);
      for (const tag of tags) merged.set(tag.key, tag.value);
      if (merged.size > limit) return false;
      const next = (this.sql('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM tags WHERE resource_arn = ?').get(arn) as { p: number }).p;
      const upsert = this.sql(
        'INSERT INTO tags (resource_arn, key, value, position) VALUES (?, ?, ?, ?) ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value',
      );
      tags.forEach((tag, i) => upsert.run(arn, tag.key, tag.value, next + i));
      return true;
    })();
  }

  /** Removes the given keys; unknown keys are ignored, as AWS ignores them. */
  remove(arn: string, keys: string[]): void {
    const del = this.sql('DELETE FROM tags WHERE resource_arn = ? AND key = ?');
    this.db.transaction(() => keys.forEach((key) => del.run(arn, key)))();
  }

  /** Moves every tag of a resource to its new ARN (the resource was renamed). */
  moveAll(fromArn: string, toArn: string): void {
    this.sql('UPDATE tags SET resource_arn = ? WHERE resource_arn = ?').run(toArn, fromArn);
  }

  /** Removes every tag of a resource (it was deleted, or its tags are being replaced). */
  removeAll(arn: string): void {
    this.sql('DELETE FROM tags WHERE resource_arn = ?').run(arn);
  }
}
