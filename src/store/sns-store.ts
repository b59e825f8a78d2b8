import type Database from 'better-sqlite3';
import type { Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** An SNS topic: its ARN, name and attributes as SetTopicAttributes left them. */
export interface SnsTopicRecord extends Scope {
  arn: string;
  name: string;
  attributes: Record<string, string>;
  createdMs: number;
}

/** An SNS subscription: where a topic's messages go, and whether the endpoint confirmed it. */
export interface SnsSubscriptionRecord extends Scope {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  owner: string;
  confirmed: boolean;
  /** The token ConfirmSubscription takes (also in the SubscribeURL). */
  token: string;
  attributes: Record<string, string>;
  createdMs: number;
}

/** A message the local mailbox received for an `email` or `email-json` subscription. */
export interface SnsMailboxMessage {
  address: string;
  topicArn: string;
  subscriptionArn: string;
  messageId: string;
  type: string;
  subject?: string;
  /** The mail's body: the message text (email) or SNS's JSON document (email-json). */
  body: string;
  receivedMs: number;
}

type Row = { document: string };
const parse = <T>(rows: Row[]): T[] => rows.map((r) => JSON.parse(r.document) as T);

/** How many mails the local mailbox keeps per address; older ones go first. */
export const MAILBOX_LIMIT = 500;

/** Reads and writes SNS topics, subscriptions and the local mailbox. */
export class SnsStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** The topic with that ARN, or undefined. */
  topic(arn: string): SnsTopicRecord | undefined {
    const row = this.sql('SELECT document FROM sns_topics WHERE arn = ?').get(arn) as Row | undefined;
    return row && (JSON.parse(row.document) as SnsTopicRecord);
  }

  /** Stores a topic, keeping its place in the list when it exists. */
  putTopic(topic: SnsTopicRecord): void {
    this.sql(
      `INSERT INTO sns_topics (arn, account, region, seq, document) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sns_topics), ?)
       ON CONFLICT (arn) DO UPDATE SET document = excluded.document`,
    ).run(topic.arn, topic.account, topic.region, JSON.stringify(topic));
  }

  /** Removes a topic and its subscriptions; true when there was one. */
  deleteTopic(arn: string): boolean {
    return this.db.transaction(() => {
      this.sql('DELETE FROM sns_subscriptions WHERE topic_arn = ?').run(arn);
      return this.sql('DELETE FROM sns_topics WHERE arn = ?').run(arn).changes > 0;
    })();
  }

  /** The scope's topics in the order created. */
  topics(scope: Scope): SnsTopicRecord[] {
    return parse(this.sql('SELECT document FROM sns_topics WHERE account = ? AND region = ? ORDER BY seq').all(scope.account, scope.region) as Row[]);
  }

  /** The subscription with that ARN, or undefined. */
  subscription(arn: string): SnsSubscriptionRecord | undefined {
    const row = this.sql('SELECT document FROM sns_subscriptions WHERE arn = ?').get(arn) as Row | undefined;
    return row && (JSON.parse(row.document) as SnsSubscriptionRecord);
  }

  /** The subscription a confirmation token belongs to, or undefined. */
  subscriptionByToken(token: string): SnsSubscriptionRecord | undefined {
    const row = this.sql('SELECT document FROM sns_subscriptions WHERE token = ?').get(token) as Row | undefined;
    return row && (JSON.parse(row.document) as SnsSubscriptionRecord);
  }

  /** Stores a subscription, keeping its place in the list when it exists. */
  putSubscription(sub: SnsSubscriptionRecord): void {
    this.sql(
      `INSERT INTO sns_subscriptions (arn, topic_arn, account, region, token, seq, document)
       VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sns_subscriptions), ?)
       ON CONFLICT (arn) DO UPDATE SET document = excluded.document`,
    ).run(sub.arn, sub.topicArn, sub.account, sub.region, sub.token, JSON.stringify(sub));
  }

  /** Removes a subscription; true when there was one. */
  deleteSubscription(arn: string): boolean {
    return this.sql('DELETE FROM sns_subscriptions WHERE arn = ?').run(arn).changes > 0;
  }

  /** A topic's subscriptions in the order made. */
  subscriptionsOf(topicArn: string): SnsSubscriptionRecord[] {
    return parse(this.sql('SELECT document FROM sns_subscriptions WHERE topic_arn = ? ORDER BY seq').all(topicArn) as Row[]);
  }

  /** The scope's subscriptions in the order made. */
  subscriptions(scope: Scope): SnsSubscriptionRecord[] {
    return parse(this.sql('SELECT document FROM sns_subscriptions WHERE account = ? AND region = ? ORDER BY seq').all(scope.account, scope.region) as Row[]);
  }

  /** Drops a mail into the local mailbox, forgetting the address's oldest beyond MAILBOX_LIMIT. */
  deliverMail(mail: SnsMailboxMessage): void {
    this.db.transaction(() => {
      this.sql('INSERT INTO sns_mailbox (address, document) VALUES (?, ?)').run(mail.address, JSON.stringify(mail));
      this.sql('DELETE FROM sns_mailbox WHERE address = ? AND seq NOT IN (SELECT seq FROM sns_mailbox WHERE address = ? ORDER BY seq DESC LIMIT ?)').run(
        mail.address,
        mail.address,
        MAILBOX_LIMIT,
      );
    })();
  }

  /** The mails of one address (or of every address), oldest first. */
  mailbox(address?: string): SnsMailboxMessage[] {
    const rows = address
      ? this.sql('SELECT document FROM sns_mailbox WHERE address = ? ORDER BY seq').all(address)
      : this.sql('SELECT document FROM sns_mailbox ORDER BY seq DESC LIMIT 1000').all().reverse();
    return parse(rows as Row[]);
  }
}
