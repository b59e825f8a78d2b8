import type Database from 'better-sqlite3';
import type { Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** What the store indexes a pull request by; the rest of it is the caller's document. */
export interface PullRequestKeys {
  repositoryName: string;
  status: string;
  authorArn: string;
  clientRequestToken?: string;
}

/** Reads and writes CodeCommit pull requests per account and region, each a JSON document; ids count up from 1. */
export class PullRequestStore<Doc extends PullRequestKeys = PullRequestKeys> {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /**
   * Stores a new pull request built for the next id, unless one was made with the same client request token: then
   * that one is returned, with `existing` set, and nothing is written.
   */
  create(scope: Scope, build: (id: string) => Doc, clientRequestToken: string | undefined): { doc: Doc; existing: boolean } {
    return this.db.transaction(() => {
      if (clientRequestToken !== undefined) {
        const row = this.sql('SELECT document FROM pull_requests WHERE account = ? AND region = ? AND client_request_token = ?').get(scope.account, scope.region, clientRequestToken) as
          | { document: string }
          | undefined;
        if (row) return { doc: JSON.parse(row.document) as Doc, existing: true };
      }
      const { next } = this.sql('SELECT COALESCE(MAX(pull_request_id), 0) + 1 AS next FROM pull_requests WHERE account = ? AND region = ?').get(scope.account, scope.region) as { next: number };
      const doc = build(String(next));
      this.sql('INSERT INTO pull_requests (account, region, pull_request_id, repository_name, status, author_arn, client_request_token, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        scope.account,
        scope.region,
        next,
        doc.repositoryName,
        doc.status,
        doc.authorArn,
        clientRequestToken ?? null,
        JSON.stringify(doc),
      );
      return { doc, existing: false };
    })();
  }

  /** Returns a pull request by id, or undefined. */
  get(scope: Scope, id: string): Doc | undefined {
    const row = this.sql('SELECT document FROM pull_requests WHERE account = ? AND region = ? AND pull_request_id = ?').get(scope.account, scope.region, Number(id)) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as Doc);
  }

  /** Lists the ids of a repository's pull requests, newest first, optionally of one status and one author. */
  listIds(scope: Scope, repositoryName: string, filter: { status?: string; authorArn?: string } = {}): string[] {
    const rows = this.sql(
      'SELECT pull_request_id AS id FROM pull_requests WHERE account = ? AND region = ? AND repository_name = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR author_arn = ?) ORDER BY pull_request_id DESC',
    ).all(scope.account, scope.region, repositoryName, filter.status ?? null, filter.status ?? null, filter.authorArn ?? null, filter.authorArn ?? null) as { id: number }[];
    return rows.map((r) => String(r.id));
  }

  /** Counts a repository's open pull requests. */
  countOpen(scope: Scope, repositoryName: string): number {
    return (this.sql("SELECT COUNT(*) AS n FROM pull_requests WHERE account = ? AND region = ? AND repository_name = ? AND status = 'OPEN'").get(scope.account, scope.region, repositoryName) as { n: number }).n;
  }

  /** Changes a pull request in one transaction: `change` gets the stored document and returns the new one. */
  update(scope: Scope, id: string, change: (doc: Doc) => Doc): Doc | undefined {
    return this.db.transaction(() => {
      const current = this.get(scope, id);
      if (!current) return undefined;
      const doc = change(current);
      this.sql('UPDATE pull_requests SET status = ?, document = ? WHERE account = ? AND region = ? AND pull_request_id = ?').run(doc.status, JSON.stringify(doc), scope.account, scope.region, Number(id));
      return doc;
    })();
  }

  /** Moves a renamed repository's pull requests to its new name; `change` renames it inside each document. */
  renameRepository(scope: Scope, oldName: string, newName: string, change: (doc: Doc) => Doc): void {
    this.db.transaction(() => {
      const rows = this.sql('SELECT pull_request_id AS id, document FROM pull_requests WHERE account = ? AND region = ? AND repository_name = ?').all(scope.account, scope.region, oldName) as { id: number; document: string }[];
      for (const row of rows) {
        this.sql('UPDATE pull_requests SET repository_name = ?, document = ? WHERE account = ? AND region = ? AND pull_request_id = ?').run(newName, JSON.stringify(change(JSON.parse(row.document) as Doc)), scope.account, scope.region, row.id);
      }
    })();
  }
}
