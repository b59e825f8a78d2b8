import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';
import type { Scope } from '../model/index.js';
import { formatArn } from '../shared/index.js';

/** A CodeCommit repository: an emulator-made bare repository, or a user's checkout registered under a name. */
export interface RepositoryRecord {
  account: string;
  region: string;
  name: string;
  repositoryId: string;
  /** `arn:aws:codecommit:<region>:<account>:<name>`. */
  arn: string;
  description?: string;
  /** The branch clones check out; unset until the first branch is pushed to an emulator-made repository. */
  defaultBranch?: string;
  /** The git directory (a bare repository's folder, or a checkout's `.git`), usable as `--git-dir`. */
  gitDir: string;
  /** The working tree of a registered non-bare checkout. */
  workTree?: string;
  /** The KMS key UpdateRepositoryEncryptionKey recorded (nothing is encrypted locally). */
  kmsKeyId?: string;
  /** True for a user's checkout registered by configuration: never copied, never deleted from disk. */
  registered: boolean;
  createdMs: number;
  updatedMs: number;
}

/** What is stored when a repository is created or registered. */
export interface NewRepository {
  name: string;
  repositoryId: string;
  description?: string;
  defaultBranch?: string;
  gitDir: string;
  workTree?: string;
}

interface Row {
  account: string;
  region: string;
  name: string;
  repository_id: string;
  description: string | null;
  default_branch: string | null;
  git_dir: string;
  work_tree: string | null;
  kms_key_id: string | null;
  registered: number;
  created_ms: number;
  updated_ms: number;
}

/** Builds the ARN of a CodeCommit repository. */
export function repositoryArn(scope: Scope, name: string): string {
  return formatArn({ service: 'codecommit', region: scope.region, account: scope.account, resource: name });
}

function toRecord(row: Row): RepositoryRecord {
  return {
    account: row.account,
    region: row.region,
    name: row.name,
    repositoryId: row.repository_id,
    arn: repositoryArn(row, row.name),
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.default_branch !== null ? { defaultBranch: row.default_branch } : {}),
    gitDir: row.git_dir,
    ...(row.work_tree !== null ? { workTree: row.work_tree } : {}),
    ...(row.kms_key_id !== null ? { kmsKeyId: row.kms_key_id } : {}),
    registered: row.registered === 1,
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
  };
}

const COLUMNS = 'account, region, name, repository_id, description, default_branch, git_dir, work_tree, registered, created_ms, updated_ms';
const READ_COLUMNS = `${COLUMNS}, kms_key_id`;
const BY_NAME = 'account = ? AND region = ? AND name = ?';

/** Reads and writes CodeCommit repositories per account and region; every write is one transaction. */
export class RepositoryStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Returns a repository by name, or undefined. */
  get(scope: Scope, name: string): RepositoryRecord | undefined {
    const row = this.sql(`SELECT ${READ_COLUMNS} FROM repositories WHERE ${BY_NAME}`).get(scope.account, scope.region, name) as Row | undefined;
    return row && toRecord(row);
  }

  /** Lists the repositories of a scope in name order. */
  list(scope: Scope): RepositoryRecord[] {
    const rows = this.sql(`SELECT ${READ_COLUMNS} FROM repositories WHERE account = ? AND region = ? ORDER BY name`).all(scope.account, scope.region) as Row[];
    return rows.map(toRecord);
  }

  /** Lists every repository of every scope (for watchers that follow them all). */
  all(): RepositoryRecord[] {
    return (this.sql(`SELECT ${READ_COLUMNS} FROM repositories ORDER BY account, region, name`).all() as Row[]).map(toRecord);
  }

  /** Stores a new emulator-made repository; returns false when the name is taken. */
  create(scope: Scope, repo: NewRepository, nowMs: number): boolean {
    const result = this.sql(
      `INSERT INTO repositories (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (account, region, name) DO NOTHING`,
    ).run(scope.account, scope.region, repo.name, repo.repositoryId, repo.description ?? null, repo.defaultBranch ?? null, repo.gitDir, repo.workTree ?? null, nowMs, nowMs);
    return result.changes === 1;
  }

  /**
   * Registers (or re-points) a user's checkout under a name, keeping its id and creation time across restarts.
   * Returns undefined when the name belongs to an emulator-made repository, which a registration never replaces.
   */
  register(scope: Scope, repo: NewRepository, nowMs: number): RepositoryRecord | undefined {
    return this.db.transaction(() => {
      const existing = this.get(scope, repo.name);
      if (existing && !existing.registered) return undefined;
      if (existing) {
        this.sql(`UPDATE repositories SET git_dir = ?, work_tree = ?, default_branch = ?, updated_ms = ? WHERE ${BY_NAME}`)
          .run(repo.gitDir, repo.workTree ?? null, repo.defaultBranch ?? null, nowMs, scope.account, scope.region, repo.name);
      } else {
        this.sql(`INSERT INTO repositories (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`)
          .run(scope.account, scope.region, repo.name, repo.repositoryId, repo.description ?? null, repo.defaultBranch ?? null, repo.gitDir, repo.workTree ?? null, nowMs, nowMs);
      }
      return this.get(scope, repo.name);
    })();
  }

  /** Removes the registrations of a scope whose names are not in `keep`; returns the names removed. */
  unregisterOthers(scope: Scope, keep: string[]): string[] {
    return this.db.transaction(() => {
      const stale = this.list(scope).filter((r) => r.registered && !keep.includes(r.name));
      stale.forEach((r) => this.sql(`DELETE FROM repositories WHERE ${BY_NAME}`).run(scope.account, scope.region, r.name));
      return stale.map((r) => r.name);
    })();
  }

  /** Sets or clears a repository's description; returns false when it does not exist. */
  updateDescription(scope: Scope, name: string, description: string | undefined, nowMs: number): boolean {
    const result = this.sql(`UPDATE repositories SET description = ?, updated_ms = ? WHERE ${BY_NAME}`)
      .run(description ?? null, nowMs, scope.account, scope.region, name);
    return result.changes === 1;
  }

  /** Records a repository's default branch; returns false when it does not exist. */
  setDefaultBranch(scope: Scope, name: string, branch: string, nowMs: number): boolean {
    const result = this.sql(`UPDATE repositories SET default_branch = ?, updated_ms = ? WHERE ${BY_NAME}`)
      .run(branch, nowMs, scope.account, scope.region, name);
    return result.changes === 1;
  }

  /**
   * Renames a repository and records its new git directory; returns false when there is no such repository or the
   * new name is taken (both checked in the one transaction, so two renames cannot take one name).
   */
  rename(scope: Scope, oldName: string, newName: string, gitDir: string, nowMs: number): boolean {
    return this.db.transaction(() => {
      if (!this.get(scope, oldName) || this.get(scope, newName)) return false;
      this.sql(`UPDATE repositories SET name = ?, git_dir = ?, updated_ms = ? WHERE ${BY_NAME}`).run(newName, gitDir, nowMs, scope.account, scope.region, oldName);
      return true;
    })();
  }

  /** Records the KMS key of a repository; returns false when it does not exist. */
  setKmsKeyId(scope: Scope, name: string, kmsKeyId: string, nowMs: number): boolean {
    const result = this.sql(`UPDATE repositories SET kms_key_id = ?, updated_ms = ? WHERE ${BY_NAME}`).run(kmsKeyId, nowMs, scope.account, scope.region, name);
    return result.changes === 1;
  }

  /** Reads the trigger configuration recorded for a repository (JSON), or undefined when none was. */
  getTriggers(scope: Scope, name: string): string | undefined {
    const row = this.sql(`SELECT triggers FROM repositories WHERE ${BY_NAME}`).get(scope.account, scope.region, name) as { triggers: string | null } | undefined;
    return row?.triggers ?? undefined;
  }

  /** Records a repository's trigger configuration (JSON); returns false when it does not exist. */
  setTriggers(scope: Scope, name: string, triggers: string): boolean {
    return this.sql(`UPDATE repositories SET triggers = ? WHERE ${BY_NAME}`).run(triggers, scope.account, scope.region, name).changes === 1;
  }

  /** Removes a repository from the store and returns what it was, or undefined when there was none. */
  delete(scope: Scope, name: string): RepositoryRecord | undefined {
    return this.db.transaction(() => {
      const existing = this.get(scope, name);
      if (existing) this.sql(`DELETE FROM repositories WHERE ${BY_NAME}`).run(scope.account, scope.region, name);
      return existing;
    })();
  }
}
