import type { Clock, Ids, Logger, Timers } from '../shared/index.js';
import type { SnsStore, SnsSubscriptionRecord, SnsTopicRecord } from '../store/index.js';
import { DeliveryLog, type DeliveryRecord } from './delivery-log.js';
import { confirmationDocument, lambdaEvent, notificationDocument, type SnsMessage } from './envelope.js';
import { HttpDelivery, isDelivered, type AttemptResult, type HttpPost } from './http-delivery.js';
import { DEFAULT_RETRY_POLICY, retryPolicyOf } from './retry-policy.js';
import { isHttp } from './subscription-attributes.js';

/** What delivering needs: the mailbox's store, time, timers, ids, a log and the server's base URL for links. */
export interface FanOutDeps {
  store: SnsStore;
  clock: Clock;
  timers: Timers;
  ids: Ids;
  log: Logger;
  baseUrl(): string;
  /** Where delivery records go (a fresh log by default); the wiring hands one restored from the store. */
  deliveryLog?: DeliveryLog;
  /** Replaces the HTTP POST (tests of retries); the real one by default. */
  post?: (post: HttpPost) => Promise<AttemptResult>;
  /** Invokes a Lambda function asynchronously with an SNS event (lambda subscriptions); absent: they get nothing. */
  invokeFunction?: (functionArn: string, event: Buffer) => Promise<{ functionError?: string }>;
}

const USER_AGENT = 'Amazon Simple Notification Service Agent';

/** The email SNS sends for a message: its text, then a footer with the unsubscribe link. */
function mailBody(text: string, unsubscribeUrl: string): string {
  // wording inferred from SNS's notification emails
  return `${text}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n${unsubscribeUrl}\n`;
}

/**
 * Delivers SNS documents to subscriptions: HTTP/S POSTs in the background with the subscription's retry policy,
 * email and email-json into the local mailbox. Nothing here makes its caller wait for an endpoint.
 */
export class FanOut {
  readonly log: DeliveryLog;
  private readonly http: HttpDelivery;

  constructor(private readonly deps: FanOutDeps) {
    this.log = deps.deliveryLog ?? new DeliveryLog();
    this.http = new HttpDelivery({ clock: deps.clock, timers: deps.timers, log: deps.log, post: deps.post });
  }

  /** Sends one published message to one confirmed subscription. */
  notify(sub: SnsSubscriptionRecord, topic: SnsTopicRecord, msg: SnsMessage): void {
    const base = this.deps.baseUrl();
    const document = notificationDocument(msg, sub.arn, base);
    if (sub.protocol === 'lambda') {
      this.invoke(sub, msg);
      return;
    }
    if (isHttp(sub.protocol)) {
      const raw = sub.attributes.RawMessageDelivery === 'true';
      const headers = this.headers('Notification', msg.messageId, sub, true);
      if (raw) headers['x-amz-sns-rawdelivery'] = 'true';
      const post = { url: sub.endpoint, headers, body: raw ? msg.message : JSON.stringify(document) };
      this.post(post, sub, 'Notification', msg.messageId, retryPolicyOf(sub.attributes.DeliveryPolicy, topic.attributes.DeliveryPolicy));
      return;
    }
    const unsubscribeUrl = String(document.UnsubscribeURL);
    const body = sub.protocol === 'email-json' ? JSON.stringify(document) : mailBody(msg.message, unsubscribeUrl);
    this.mail(sub, 'Notification', msg.messageId, body, msg.subject ?? (topic.attributes.DisplayName || 'AWS Notification Message'));
  }

  /** Asks an endpoint to confirm (or tells it of the end of) a subscription: a POST, or a mail in the local mailbox. */
  confirmation(sub: SnsSubscriptionRecord, type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation', topic?: SnsTopicRecord): void {
    const messageId = this.deps.ids.uuid();
    const document = confirmationDocument(type, sub, messageId, this.deps.clock.now(), this.deps.baseUrl());
    if (isHttp(sub.protocol)) {
      const post = { url: sub.endpoint, headers: this.headers(type, messageId, sub, type === 'UnsubscribeConfirmation'), body: JSON.stringify(document) };
      this.post(post, sub, type, messageId, DEFAULT_RETRY_POLICY);
      return;
    }
    if (type === 'UnsubscribeConfirmation') return;
    const name = topic?.attributes.DisplayName || 'AWS Notification';
    // wording inferred from SNS's confirmation emails
    const text = `You have chosen to subscribe to the topic:\n${sub.topicArn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n${String(document.SubscribeURL)}\n`;
    this.mail(sub, type, messageId, sub.protocol === 'email-json' ? JSON.stringify(document) : text, `${name} - Subscription Confirmation`);
  }

  /** Stops retrying deliveries, for shutdown. */
  close(): void {
    this.http.close();
  }

  private headers(type: string, messageId: string, sub: SnsSubscriptionRecord, withSubscription: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      'x-amz-sns-message-type': type,
      'x-amz-sns-message-id': messageId,
      'x-amz-sns-topic-arn': sub.topicArn,
      'content-type': 'text/plain; charset=UTF-8',
      'user-agent': USER_AGENT,
    };
    if (withSubscription) headers['x-amz-sns-subscription-arn'] = sub.arn;
    return headers;
  }

  private post(post: HttpPost, sub: SnsSubscriptionRecord, type: string, messageId: string, policy: ReturnType<typeof retryPolicyOf>): void {
    const record = this.log.add(this.record(sub, type, messageId));
    this.http.send(post, policy, (attempt, result, final) => {
      Object.assign(record, { attempts: attempt, lastStatusCode: result.statusCode, lastError: result.error, lastAttemptMs: this.deps.clock.now() });
      const delivered = isDelivered(result);
      record.status = delivered ? 'delivered' : final ? 'failed' : 'retrying';
      this.log.updated(record);
      if (!delivered) {
        const level = final ? 'warn' : 'info';
        this.deps.log[level]({ endpoint: sub.endpoint, subscriptionArn: sub.arn, messageId, attempt, statusCode: result.statusCode, error: result.error }, `SNS ${type} delivery to ${sub.endpoint} failed${final ? ', no retry left' : ', will retry'}`);
      }
    });
  }

  // SNS invokes a subscribed function asynchronously with the Records event; its outcome is recorded as a delivery.
  private invoke(sub: SnsSubscriptionRecord, msg: SnsMessage): void {
    const record = this.log.add(this.record(sub, 'Notification', msg.messageId));
    const event = Buffer.from(JSON.stringify(lambdaEvent(msg, sub.arn, this.deps.baseUrl())));
    const invoked = this.deps.invokeFunction ? this.deps.invokeFunction(sub.endpoint, event) : Promise.reject(new Error('Lambda functions are not served here'));
    void invoked.then(
      (result) => Object.assign(record, { status: result.functionError ? 'failed' : 'delivered', lastError: result.functionError }),
      (error: Error) => Object.assign(record, { status: 'failed', lastError: error.message }),
    ).then(() => {
      Object.assign(record, { attempts: 1, lastAttemptMs: this.deps.clock.now() });
      this.log.updated(record);
      if (record.status === 'failed') this.deps.log.warn({ endpoint: sub.endpoint, subscriptionArn: sub.arn, messageId: msg.messageId, error: record.lastError }, `SNS delivery to the function ${sub.endpoint} failed`);
    });
  }

  private mail(sub: SnsSubscriptionRecord, type: string, messageId: string, body: string, subject: string): void {
    const now = this.deps.clock.now();
    this.deps.store.deliverMail({ address: sub.endpoint, topicArn: sub.topicArn, subscriptionArn: sub.arn, messageId, type, subject, body, receivedMs: now });
    this.log.add({ ...this.record(sub, type, messageId), status: 'delivered', attempts: 1, lastAttemptMs: now });
  }

  private record(sub: SnsSubscriptionRecord, type: string, messageId: string): DeliveryRecord {
    return { messageId, type, topicArn: sub.topicArn, subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, status: 'pending', attempts: 0, firstAttemptMs: this.deps.clock.now() };
  }
}
