import { afterAll, describe, expect, it } from 'vitest';
import { alarmStatesOf, type AlarmStates } from '../../../src/engine/index.js';
import type { AlarmStateValue, MetricAlarmRecord } from '../../../src/model/index.js';
import { CloudWatchAlarmStore, openDatabase } from '../../../src/store/index.js';
import { freshDataDir, removeFreshDataDirs } from '../../helpers/fresh-data-dir.js';

afterAll(removeFreshDataDirs);

const EAST = { account: '111111111111', region: 'us-east-1' };

function alarm(name: string, value: AlarmStateValue, scope = EAST): MetricAlarmRecord {
  return {
    ...scope,
    name,
    arn: `arn:aws:cloudwatch:${scope.region}:${scope.account}:alarm:${name}`,
    configuration: { ActionsEnabled: true, OKActions: [], AlarmActions: [], InsufficientDataActions: [], MetricName: 'Errors', Namespace: 'App', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' },
    configurationUpdatedMs: 1,
    state: { value, reason: 'test', updatedMs: 1, transitionedMs: 1 },
  };
}

describe('alarmStatesOf', () => {
  it("reads each alarm's current state by account, region and name, and nothing for an alarm that does not exist", () => {
    const dataDir = freshDataDir();
    const db = openDatabase(dataDir);
    const store = new CloudWatchAlarmStore(db);
    const states: AlarmStates = alarmStatesOf(store);
    store.put(alarm('errors', 'INSUFFICIENT_DATA'));
    store.put(alarm('latency', 'OK'));
    store.put(alarm('errors', 'ALARM', { account: '111111111111', region: 'eu-west-1' }));
    expect(states.stateOf('111111111111', 'us-east-1', 'errors')).toBe('INSUFFICIENT_DATA');
    expect(states.stateOf('111111111111', 'us-east-1', 'latency')).toBe('OK');
    expect(states.stateOf('111111111111', 'eu-west-1', 'errors')).toBe('ALARM');
    expect(states.stateOf('222222222222', 'us-east-1', 'errors')).toBeUndefined();
    expect(states.stateOf('111111111111', 'us-east-1', 'missing')).toBeUndefined();
    // A state set later (SetAlarmState replaces the record) is what the next read sees.
    store.put(alarm('errors', 'ALARM'));
    expect(states.stateOf('111111111111', 'us-east-1', 'errors')).toBe('ALARM');
    store.delete(EAST, 'latency');
    expect(states.stateOf('111111111111', 'us-east-1', 'latency')).toBeUndefined();
    db.close();
    // The states are durable: a new process on the same data folder reads them back.
    const reopened = openDatabase(dataDir);
    expect(alarmStatesOf(new CloudWatchAlarmStore(reopened)).stateOf('111111111111', 'us-east-1', 'errors')).toBe('ALARM');
    reopened.close();
  });
});
