import { afterEach, describe, expect, it } from 'vitest';
import { awsEvent, EventLog } from '../../src/events/index.js';
import { EventArchive } from '../../src/notifications/index.js';
import { silentLogger } from '../../src/shared/index.js';
import { DeliveryLog, type DeliveryRecord } from '../../src/sns/index.js';
import { EventArchiveStore, openDatabase, type Db } from '../../src/store/index.js';
import { freshDataDir } from '../helpers/emulator.js';

const event = (n: number) => awsEvent({ id: `e${n}`, account: '000000000000', region: 'us-east-1', nowMs: n * 1000 }, 'aws.codepipeline', 'CodePipeline Pipeline Execution State Change', [], { n });
const delivery = (messageId: string): DeliveryRecord => ({ messageId, type: 'Notification', topicArn: 't', subscriptionArn: 's', protocol: 'http', endpoint: 'http://x', status: 'pending', attempts: 0, firstAttemptMs: 0 });

describe('EventArchive', () => {
  const dbs: Db[] = [];
  const open = (dir: string) => {
    const db = openDatabase(dir);
    dbs.push(db);
    return db;
  };
  afterEach(() => dbs.splice(0).forEach((db) => db.close()));

  /** The logs and archive of one run of the emulator over a data directory. */
  function run(dir: string) {
    const events = new EventLog(3);
    const deliveries = new DeliveryLog(2);
    const archive = new EventArchive({ store: new EventArchiveStore(open(dir)), events, deliveries, log: silentLogger() });
    archive.restore();
    return { events, deliveries, archive };
  }

  it('keeps only the newest entries, within the logs’ bounds, and numbers new events after them', () => {
    const dir = freshDataDir();
    const first = run(dir);
    for (let n = 1; n <= 5; n++) first.events.append(event(n));
    first.archive.close();

    const second = run(dir);
    expect(second.events.recent().map((l) => [l.seq, l.event.detail.n])).toEqual([[3, 3], [4, 4], [5, 5]]);
    expect(second.events.append(event(6)).seq).toBe(6);
    second.archive.close();
    expect(new EventArchiveStore(open(dir)).recent('event_log', 10).map((e) => e.seq)).toEqual([4, 5, 6]);
  });

  it('keeps a delivery’s latest state, and restores one cut short by the shutdown as failed', () => {
    const dir = freshDataDir();
    const first = run(dir);
    const done = first.deliveries.add(delivery('m1'));
    const open = first.deliveries.add(delivery('m2'));
    Object.assign(done, { status: 'delivered', attempts: 1 });
    first.deliveries.updated(done);
    Object.assign(open, { status: 'retrying', attempts: 1, lastStatusCode: 500 });
    first.deliveries.updated(open);
    first.archive.close();

    const restored = run(dir).deliveries.list();
    expect(restored).toEqual([
      { ...delivery('m1'), status: 'delivered', attempts: 1 },
      { ...delivery('m2'), status: 'failed', attempts: 1, lastStatusCode: 500, lastError: 'the emulator stopped before the delivery ended' },
    ]);
  });
});
