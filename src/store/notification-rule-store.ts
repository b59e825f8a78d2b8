import type Database from 'better-sqlite3';
import type { Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** A CodeStar Notifications rule as CreateNotificationRule and UpdateNotificationRule left it. */
export interface NotificationRuleRecord extends Scope {
  arn: string;
  name: string;
  resource: string;
  eventTypeIds: string[];
  targets: { targetType: string; targetAddress: string }[];
  detailType: 'BASIC' | 'FULL';
  status: 'ENABLED' | 'DISABLED';
  createdBy: string;
  clientRequestToken?: string;
  createdMs: number;
  updatedMs: number;
}

type Row = { document: string };

/** Reads and writes CodeStar Notifications rules. */
export class NotificationRuleStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** The rule with that ARN, or undefined. */
  get(arn: string): NotificationRuleRecord | undefined {
    const row = this.sql('SELECT document FROM notification_rules WHERE arn = ?').get(arn) as Row | undefined;
    return row && (JSON.parse(row.document) as NotificationRuleRecord);
  }

  /** Stores a rule, keeping its place in the list when it exists. */
  put(rule: NotificationRuleRecord): void {
    this.sql(
      `INSERT INTO notification_rules (arn, account, region, seq, document) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notification_rules), ?)
       ON CONFLICT (arn) DO UPDATE SET document = excluded.document`,
    ).run(rule.arn, rule.account, rule.region, JSON.stringify(rule));
  }

  /** Removes a rule; true when there was one. */
  delete(arn: string): boolean {
    return this.sql('DELETE FROM notification_rules WHERE arn = ?').run(arn).changes > 0;
  }

  /** The scope's rules in the order created (every scope's when none is given). */
  list(scope?: Scope): NotificationRuleRecord[] {
    const rows = scope
      ? this.sql('SELECT document FROM notification_rules WHERE account = ? AND region = ? ORDER BY seq').all(scope.account, scope.region)
      : this.sql('SELECT document FROM notification_rules ORDER BY seq').all();
    return (rows as Row[]).map((r) => JSON.parse(r.document) as NotificationRuleRecord);
  }
}
