import { afterAll, describe, expect, it } from 'vitest';
import type { AlarmHistoryRecord } from '../../src/model/index.js';
import { ALARM_HISTORY_RETENTION_MS, CloudWatchAlarmStore, openDatabase } from '../../src/store/index.js';
import { freshDataDir, removeFreshDataDirs } from '../helpers/fresh-data-dir.js';

afterAll(removeFreshDataDirs);

const SCOPE = { account: '000000000000', region: 'us-east-1' };
const DAY = 24 * 60 * 60 * 1000;

function item(alarmName: string, timestampMs: number, itemType: AlarmHistoryRecord['itemType'] = 'StateUpdate'): AlarmHistoryRecord {
  return { ...SCOPE, alarmName, alarmType: 'MetricAlarm', itemType, timestampMs, summary: `${alarmName} at ${timestampMs}`, data: '{}' };
}

describe('CloudWatchAlarmStore (migration 25)', () => {
  it('pages history newest or oldest first, filters it, and forgets items older than 30 days', () => {
    const db = openDatabase(freshDataDir());
    const store = new CloudWatchAlarmStore(db);
    store.addHistory(item('a', 1));
    store.addHistory(item('b', 2, 'ConfigurationUpdate'));
    store.addHistory(item('a', 3));
    const newest = store.history(SCOPE, { ascending: false, limit: 2 });
    expect(newest.map((p) => p.item.summary)).toEqual(['a at 3', 'b at 2']);
    const rest = store.history(SCOPE, { ascending: false, limit: 2, afterSeq: newest[1].seq });
    expect(rest.map((p) => p.item.summary)).toEqual(['a at 1']);
    expect(store.history(SCOPE, { ascending: true, limit: 10, alarmName: 'a' }).map((p) => p.item.timestampMs)).toEqual([1, 3]);
    expect(store.history(SCOPE, { ascending: true, limit: 10, itemType: 'ConfigurationUpdate' }).map((p) => p.item.alarmName)).toEqual(['b']);
    expect(store.history(SCOPE, { ascending: true, limit: 10, startMs: 2, endMs: 2 }).map((p) => p.item.alarmName)).toEqual(['b']);
    expect(store.history({ ...SCOPE, region: 'eu-west-1' }, { ascending: true, limit: 10 })).toEqual([]);
    store.addHistory(item('c', 3 + ALARM_HISTORY_RETENTION_MS + DAY));
    expect(store.history(SCOPE, { ascending: true, limit: 10 }).map((p) => p.item.alarmName)).toEqual(['c']);
    db.close();
  });
});
