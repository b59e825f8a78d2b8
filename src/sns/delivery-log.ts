/** How many delivery records are kept for the console and `/_aws/sns/deliveries` (each a few hundred bytes). */
export const DELIVERY_LOG_SIZE = 500;

/** One document on its way to one endpoint, and how its attempts went. */
export interface DeliveryRecord {
  messageId: string;
  /** Notification, SubscriptionConfirmation or UnsubscribeConfirmation. */
  type: string;
  topicArn: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** `delivered`, `retrying` (an attempt failed, another is due) or `failed` (no attempt is left). */
  status: 'pending' | 'delivered' | 'retrying' | 'failed';
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  firstAttemptMs: number;
  lastAttemptMs?: number;
}

/** The recent deliveries, newest last; a record is updated in place as its attempts go. */
export class DeliveryLog {
  private readonly ring: DeliveryRecord[] = [];

  constructor(private readonly size = DELIVERY_LOG_SIZE) {}

  /** Starts recording one delivery. */
  add(record: DeliveryRecord): DeliveryRecord {
    this.ring.push(record);
    if (this.ring.length > this.size) this.ring.shift();
    return record;
  }

  /** The kept deliveries, oldest first, optionally of one topic or only failed ones. */
  list(filter: { topicArn?: string; failedOnly?: boolean } = {}): DeliveryRecord[] {
    return this.ring.filter((d) => (!filter.topicArn || d.topicArn === filter.topicArn) && (!filter.failedOnly || d.status === 'failed' || d.status === 'retrying')).map((d) => ({ ...d }));
  }
}
