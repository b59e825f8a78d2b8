import { afterAll, describe, expect, it } from 'vitest';
import { NotificationRuleStore, openDatabase, SnsStore } from '../../src/store/index.js';
import { freshDataDir, removeFreshDataDirs } from '../helpers/fresh-data-dir.js';

afterAll(removeFreshDataDirs);

describe('SnsStore (migration 20)', () => {
  it('keeps topics with their subscriptions, finds a subscription by token and deletes a topic with them', () => {
    const db = openDatabase(freshDataDir());
    const store = new SnsStore(db);
    const scope = { account: '000000000000', region: 'us-east-1' };
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:t';
    store.putTopic({ ...scope, arn: topicArn, name: 't', attributes: {}, createdMs: 1 });
    const sub = { ...scope, arn: `${topicArn}:s1`, topicArn, protocol: 'http', endpoint: 'http://x/', owner: '000000000000', confirmed: false, token: 'tok', attributes: {}, createdMs: 1 };
    store.putSubscription(sub);
    expect(store.subscriptionByToken('tok')?.arn).toBe(sub.arn);
    expect(store.topics(scope).map((t) => t.name)).toEqual(['t']);
    expect(store.deleteTopic(topicArn)).toBe(true);
    expect(store.subscriptionsOf(topicArn)).toEqual([]);
    store.deliverMail({ address: 'a@example.com', topicArn, subscriptionArn: sub.arn, messageId: 'm', type: 'Notification', body: 'hi', receivedMs: 2 });
    expect(store.mailbox('a@example.com').map((m) => m.body)).toEqual(['hi']);
    expect(new NotificationRuleStore(db).list(scope)).toEqual([]);
    db.close();
  });
});
