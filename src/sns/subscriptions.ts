import type { Scope } from '../model/index.js';
import type { Clock, Ids, Logger } from '../shared/index.js';
import type { SnsStore, SnsSubscriptionRecord, SnsTopicRecord } from '../store/index.js';
import type { FanOut } from './fan-out.js';
import { checkSubscriptionArn, checkTopicArn } from './sns-arns.js';
import { invalidParameter, SnsRefusal } from './sns-refusal.js';
import { checkEndpoint, checkSubscriptionAttribute, subscriptionAttributes } from './subscription-attributes.js';

/** What subscriptions need: the store, the fan-out for confirmations, and the topic of an ARN (or NotFound). */
export interface SubscriptionsDeps {
  store: SnsStore;
  fanOut: FanOut;
  clock: Clock;
  ids: Ids;
  log: Logger;
  autoConfirm: boolean;
  topic(arn: string): SnsTopicRecord;
}

/** What Subscribe was asked. */
export interface SubscribeRequest {
  topicArn: string;
  protocol: string;
  endpoint?: string;
  attributes: Record<string, string>;
  returnSubscriptionArn: boolean;
}

/** The ARN Subscribe answers before an endpoint has confirmed. */
export const PENDING_CONFIRMATION = 'pending confirmation';

/** SNS subscriptions: Subscribe with its confirmation handshake, ConfirmSubscription, Unsubscribe and their attributes. */
export class Subscriptions {
  constructor(private readonly deps: SubscriptionsDeps) {}

  /** Subscribe: the subscription's ARN, or `pending confirmation` until the endpoint confirms. */
  subscribe(scope: Scope, request: SubscribeRequest): string {
    const topic = this.deps.topic(request.topicArn);
    const protocol = request.protocol.toLowerCase();
    const endpoint = checkEndpoint(protocol, request.endpoint);
    Object.entries(request.attributes).forEach(([k, v]) => checkSubscriptionAttribute(protocol, k, v));
    const existing = this.deps.store.subscriptionsOf(topic.arn).find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) {
      const differs = Object.entries(request.attributes).some(([k, v]) => (existing.attributes[k] ?? '') !== v);
      if (differs) throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
      if (!existing.confirmed) this.deps.fanOut.confirmation(existing, 'SubscriptionConfirmation', topic);
      return existing.confirmed || request.returnSubscriptionArn ? existing.arn : PENDING_CONFIRMATION;
    }
    const sub: SnsSubscriptionRecord = {
      ...scope,
      arn: `${topic.arn}:${this.deps.ids.uuid()}`,
      topicArn: topic.arn,
      protocol,
      endpoint,
      owner: scope.account,
      // A function is subscribed at once, as on AWS: only HTTP/S and email endpoints confirm.
      confirmed: this.deps.autoConfirm || protocol === 'lambda',
      // SNS's tokens are long hex strings; two UUIDs without dashes stand in for one.
      token: `${this.deps.ids.uuid()}${this.deps.ids.uuid()}`.replace(/-/g, ''),
      attributes: { ...request.attributes },
      createdMs: this.deps.clock.now(),
    };
    this.deps.store.putSubscription(sub);
    if (sub.confirmed) return sub.arn;
    this.deps.fanOut.confirmation(sub, 'SubscriptionConfirmation', topic);
    return request.returnSubscriptionArn ? sub.arn : PENDING_CONFIRMATION;
  }

  /** ConfirmSubscription: the token of a SubscriptionConfirmation confirms its subscription; answers its ARN. */
  confirm(topicArn: string, token: string): string {
    const topic = this.deps.topic(topicArn);
    const sub = this.deps.store.subscriptionByToken(token);
    if (!sub || sub.topicArn !== topic.arn) throw invalidParameter('Token'); // wording inferred
    if (!sub.confirmed) this.deps.store.putSubscription({ ...sub, confirmed: true });
    return sub.arn;
  }

  /** Unsubscribe: removes the subscription and tells an HTTP/S endpoint with an UnsubscribeConfirmation. */
  unsubscribe(arn: string): void {
    checkSubscriptionArn(arn);
    const sub = this.deps.store.subscription(arn);
    if (!sub) throw new SnsRefusal('NotFound', 'Subscription does not exist');
    this.deps.store.deleteSubscription(arn);
    if (sub.confirmed) this.deps.fanOut.confirmation(sub, 'UnsubscribeConfirmation');
  }

  /** The subscription of an ARN, or NotFound. */
  get(arn: string): SnsSubscriptionRecord {
    checkSubscriptionArn(arn);
    const sub = this.deps.store.subscription(arn);
    if (!sub) throw new SnsRefusal('NotFound', 'Subscription does not exist');
    return sub;
  }

  /** GetSubscriptionAttributes. */
  attributes(arn: string): Record<string, string> {
    const sub = this.get(arn);
    return subscriptionAttributes(sub, this.deps.store.topic(sub.topicArn));
  }

  /** SetSubscriptionAttributes: one attribute; an empty value removes it. */
  setAttribute(arn: string, name: string, value: string | undefined): void {
    const sub = this.get(arn);
    if (value !== undefined && value !== '') checkSubscriptionAttribute(sub.protocol, name, value);
    else checkSubscriptionAttribute(sub.protocol, name, name === 'RawMessageDelivery' ? 'false' : '{}');
    const attributes = { ...sub.attributes };
    if (value === undefined || value === '') delete attributes[name];
    else attributes[name] = value;
    this.deps.store.putSubscription({ ...sub, attributes });
  }

  /** The scope's subscriptions, or one topic's, in the order made. */
  list(scope: Scope, topicArn?: string): SnsSubscriptionRecord[] {
    if (topicArn === undefined) return this.deps.store.subscriptions(scope);
    checkTopicArn(topicArn);
    return this.deps.store.subscriptionsOf(this.deps.topic(topicArn).arn);
  }
}
