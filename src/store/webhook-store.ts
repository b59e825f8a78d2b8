import type Database from 'better-sqlite3';
import type { Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** A webhook's definition as PutWebhook gave it (AWS's member names, `AllowedIPRange`/`SecretToken` capitalised). */
export interface WebhookDefinitionRecord {
  name: string;
  targetPipeline: string;
  targetAction: string;
  filters: { jsonPath: string; matchEquals?: string }[];
  authentication: 'GITHUB_HMAC' | 'IP' | 'UNAUTHENTICATED';
  authenticationConfiguration: { AllowedIPRange?: string; SecretToken?: string };
}

/** A stored webhook: its definition, the id in its URL, and what its last trigger request did. */
export interface WebhookRecord extends Scope {
  id: string;
  definition: WebhookDefinitionRecord;
  /** Epoch ms of the last request that started the pipeline. */
  lastTriggeredMs?: number;
  errorMessage?: string;
  errorCode?: string;
  /** Whether RegisterWebhookWithThirdParty was called last (rather than Deregister). */
  registeredWithThirdParty: boolean;
}

type Row = { document: string };

/** Reads and writes webhooks, by name within a scope or by the id their URL carries. */
export class WebhookStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** The webhook of that name, or undefined. */
  get(scope: Scope, name: string): WebhookRecord | undefined {
    const row = this.sql('SELECT document FROM webhooks WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, name) as Row | undefined;
    return row && (JSON.parse(row.document) as WebhookRecord);
  }

  /** The webhook whose URL carries this id, or undefined. */
  byId(id: string): WebhookRecord | undefined {
    const row = this.sql('SELECT document FROM webhooks WHERE id = ?').get(id) as Row | undefined;
    return row && (JSON.parse(row.document) as WebhookRecord);
  }

  /** Stores a webhook, replacing the one of the same name (keeping its place in the list). */
  put(record: WebhookRecord): void {
    this.sql(
      `INSERT INTO webhooks (account, region, name, id, seq, document)
       VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM webhooks), ?)
       ON CONFLICT (account, region, name) DO UPDATE SET id = excluded.id, document = excluded.document`,
    ).run(record.account, record.region, record.definition.name, record.id, JSON.stringify(record));
  }

  /** Removes a webhook; true when there was one. */
  delete(scope: Scope, name: string): boolean {
    return this.sql('DELETE FROM webhooks WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name).changes > 0;
  }

  /** The scope's webhooks in the order first created. */
  list(scope: Scope): WebhookRecord[] {
    const rows = this.sql('SELECT document FROM webhooks WHERE account = ? AND region = ? ORDER BY seq').all(scope.account, scope.region) as Row[];
    return rows.map((r) => JSON.parse(r.document) as WebhookRecord);
  }

  /** How many webhooks a scope has (AWS allows 300 per region). */
  count(scope: Scope): number {
    return (this.sql('SELECT COUNT(*) AS n FROM webhooks WHERE account = ? AND region = ?').get(scope.account, scope.region) as { n: number }).n;
  }
}
