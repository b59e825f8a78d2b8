import type Database from 'better-sqlite3';
import type { AlarmHistoryItemType, AlarmHistoryRecord, AlarmStateValue, MetricAlarmRecord, Scope } from '../model/index.js';
import { parseRecord, statementCache, type Db } from './database.js';

/** How long CloudWatch keeps alarm history: 30 days (in ms). */
export const ALARM_HISTORY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Which history items to read, in which order, from where. */
export interface AlarmHistoryQuery {
  alarmName?: string;
  itemType?: AlarmHistoryItemType;
  /** Epoch ms, inclusive. */
  startMs?: number;
  /** Epoch ms, inclusive. */
  endMs?: number;
  ascending: boolean;
  /** The position (seq) of the last item of the previous page. */
  afterSeq?: number;
  limit: number;
}

/** A history item with its position, which pages continue from. */
export interface PositionedHistoryItem {
  seq: number;
  item: AlarmHistoryRecord;
}

/** Reads and writes CloudWatch metric alarms and their history, per account and region. */
export class CloudWatchAlarmStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Runs several writes as one transaction (a PutMetricAlarm and its history item, a DeleteAlarms of many). */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The alarm of that name, or undefined. */
  get(scope: Scope, name: string): MetricAlarmRecord | undefined {
    return parseRecord(this.sql('SELECT record FROM cloudwatch_alarms WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, name));
  }

  /** The scope's alarms sorted by name, as DescribeAlarms lists them. */
  list(scope: Scope): MetricAlarmRecord[] {
    const rows = this.sql('SELECT record FROM cloudwatch_alarms WHERE account = ? AND region = ? ORDER BY name').all(scope.account, scope.region);
    return rows.map((row) => parseRecord<MetricAlarmRecord>(row)!);
  }

  /** How many alarms a scope has. */
  count(scope: Scope): number {
    return (this.sql('SELECT COUNT(*) AS n FROM cloudwatch_alarms WHERE account = ? AND region = ?').get(scope.account, scope.region) as { n: number }).n;
  }

  /** Just the state value of an alarm (read by the CloudWatchAlarm rule), or undefined when there is no such alarm. */
  stateOf(scope: Scope, name: string): AlarmStateValue | undefined {
    const row = this.sql('SELECT state_value FROM cloudwatch_alarms WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, name) as
      | { state_value: AlarmStateValue }
      | undefined;
    return row?.state_value;
  }

  /** Creates or replaces an alarm. */
  put(record: MetricAlarmRecord): void {
    this.sql(
      `INSERT INTO cloudwatch_alarms (account, region, name, state_value, record) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account, region, name) DO UPDATE SET state_value = excluded.state_value, record = excluded.record`,
    ).run(record.account, record.region, record.name, record.state.value, JSON.stringify(record));
  }

  /** Removes an alarm; true when there was one. Its history stays. */
  delete(scope: Scope, name: string): boolean {
    return this.sql('DELETE FROM cloudwatch_alarms WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name).changes > 0;
  }

  /** Appends a history item and forgets the scope's items older than the retention. */
  addHistory(item: AlarmHistoryRecord): void {
    this.sql('DELETE FROM cloudwatch_alarm_history WHERE account = ? AND region = ? AND timestamp_ms < ?').run(
      item.account,
      item.region,
      item.timestampMs - ALARM_HISTORY_RETENTION_MS,
    );
    this.sql('INSERT INTO cloudwatch_alarm_history (account, region, alarm_name, item_type, timestamp_ms, record) VALUES (?, ?, ?, ?, ?, ?)').run(
      item.account,
      item.region,
      item.alarmName,
      item.itemType,
      item.timestampMs,
      JSON.stringify(item),
    );
  }

  /** One page of a scope's history, newest or oldest first (ties in insertion order), filtered as asked. */
  history(scope: Scope, query: AlarmHistoryQuery): PositionedHistoryItem[] {
    const where = ['account = ?', 'region = ?'];
    const params: (string | number)[] = [scope.account, scope.region];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    add('alarm_name = ?', query.alarmName);
    add('item_type = ?', query.itemType);
    add('timestamp_ms >= ?', query.startMs);
    add('timestamp_ms <= ?', query.endMs);
    // seq grows with time (items are appended as they happen), so it orders the scan and marks where a page ends.
    add(query.ascending ? 'seq > ?' : 'seq < ?', query.afterSeq);
    const order = query.ascending ? 'ASC' : 'DESC';
    const rows = this.sql(`SELECT seq, record FROM cloudwatch_alarm_history WHERE ${where.join(' AND ')} ORDER BY seq ${order} LIMIT ?`).all(...params, query.limit) as {
      seq: number;
      record: string;
    }[];
    return rows.map((row) => ({ seq: row.seq, item: JSON.parse(row.record) as AlarmHistoryRecord }));
  }
}
