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

/** A delivery record and its place in the log, as listeners hear of it and as it is kept across restarts. */
export interface NumberedDelivery {
  seq: number;
  record: DeliveryRecord;
}

/** The recent deliveries, newest last; a record is updated in place as its attempts go (and `updated` is told). */
export class DeliveryLog {
  private readonly ring: DeliveryRecord[] = [];
  private readonly seqOf = new WeakMap<DeliveryRecord, number>();
  private readonly listeners = new Set<(delivery: NumberedDelivery) => void>();
  private seq = 0;

  constructor(private readonly size = DELIVERY_LOG_SIZE) {}

  /** How many records are kept. */
  get capacity(): number {
    return this.size;
  }

  /** Starts recording one delivery. */
  add(record: DeliveryRecord): DeliveryRecord {
    this.ring.push(record);
    if (this.ring.length > this.size) this.ring.shift();
    this.seqOf.set(record, ++this.seq);
    this.updated(record);
    return record;
  }

  /** Tells listeners that a record changed (an attempt ended). */
  updated(record: DeliveryRecord): void {
    const seq = this.seqOf.get(record);
    if (seq === undefined) return;
    for (const listener of this.listeners) listener({ seq, record });
  }

  /** Listens to every added or changed record; returns a function that stops listening. */
  subscribe(listener: (delivery: NumberedDelivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes back records kept before a restart (oldest first), before any new one. */
  restore(kept: NumberedDelivery[]): void {
    const records = kept.slice(-this.size);
    this.ring.splice(0, this.ring.length, ...records.map((k) => k.record));
    records.forEach((k) => this.seqOf.set(k.record, k.seq));
    this.seq = Math.max(this.seq, ...kept.map((k) => k.seq));
  }

  /** The kept deliveries, oldest first, optionally of one topic or only failed ones. */
  list(filter: { topicArn?: string; failedOnly?: boolean } = {}): DeliveryRecord[] {
    return this.ring.filter((d) => (!filter.topicArn || d.topicArn === filter.topicArn) && (!filter.failedOnly || d.status === 'failed' || d.status === 'retrying')).map((d) => ({ ...d }));
  }
}
