import type Database from 'better-sqlite3';
import type { Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** What the store indexes a comment by; the rest of it is the caller's document. */
export interface CommentKeys {
  commentId: string;
  repositoryName: string;
  pullRequestId?: string;
  clientRequestToken?: string;
}

/** Reads and writes CodeCommit comments per account and region, each a JSON document, kept in the order posted. */
export class CommentStore<Doc extends CommentKeys = CommentKeys> {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new comment, unless one was posted with the same client request token: that one is returned instead. */
  create(scope: Scope, doc: Doc): { doc: Doc; existing: boolean } {
    return this.db.transaction(() => {
      if (doc.clientRequestToken !== undefined) {
        const row = this.sql('SELECT document FROM comments WHERE account = ? AND region = ? AND client_request_token = ?').get(scope.account, scope.region, doc.clientRequestToken) as
          | { document: string }
          | undefined;
        if (row) return { doc: JSON.parse(row.document) as Doc, existing: true };
      }
      const { next } = this.sql('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM comments WHERE account = ? AND region = ?').get(scope.account, scope.region) as { next: number };
      this.sql('INSERT INTO comments (account, region, comment_id, seq, repository_name, pull_request_id, client_request_token, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        scope.account,
        scope.region,
        doc.commentId,
        next,
        doc.repositoryName,
        doc.pullRequestId ?? null,
        doc.clientRequestToken ?? null,
        JSON.stringify(doc),
      );
      return { doc, existing: false };
    })();
  }

  /** Returns a comment by id, or undefined. */
  get(scope: Scope, commentId: string): Doc | undefined {
    const row = this.sql('SELECT document FROM comments WHERE account = ? AND region = ? AND comment_id = ?').get(scope.account, scope.region, commentId) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as Doc);
  }

  /** Lists a repository's comments in the order posted: those on one pull request, or (with `null`) those on no pull request. */
  list(scope: Scope, repositoryName: string, pullRequestId: string | null): Doc[] {
    const rows = this.sql(
      'SELECT document FROM comments WHERE account = ? AND region = ? AND repository_name = ? AND pull_request_id IS ? ORDER BY seq',
    ).all(scope.account, scope.region, repositoryName, pullRequestId) as { document: string }[];
    return rows.map((r) => JSON.parse(r.document) as Doc);
  }

  /** Changes a comment in one transaction: `change` gets the stored document and returns the new one. */
  update(scope: Scope, commentId: string, change: (doc: Doc) => Doc): Doc | undefined {
    return this.db.transaction(() => {
      const current = this.get(scope, commentId);
      if (!current) return undefined;
      const doc = change(current);
      this.sql('UPDATE comments SET document = ? WHERE account = ? AND region = ? AND comment_id = ?').run(JSON.stringify(doc), scope.account, scope.region, commentId);
      return doc;
    })();
  }

  /** Moves a renamed repository's comments to its new name; `change` renames it inside each document. */
  renameRepository(scope: Scope, oldName: string, newName: string, change: (doc: Doc) => Doc): void {
    this.db.transaction(() => {
      const rows = this.sql('SELECT comment_id AS id, document FROM comments WHERE account = ? AND region = ? AND repository_name = ?').all(scope.account, scope.region, oldName) as { id: string; document: string }[];
      for (const row of rows) {
        this.sql('UPDATE comments SET repository_name = ?, document = ? WHERE account = ? AND region = ? AND comment_id = ?').run(newName, JSON.stringify(change(JSON.parse(row.document) as Doc)), scope.account, scope.region, row.id);
      }
    })();
  }
}
