import type { AwsEvent, EventLog, LoggedEvent } from '../events/index.js';
import type { Logger } from '../shared/index.js';
import type { DeliveryLog, DeliveryRecord, NumberedDelivery } from '../sns/index.js';
import type { EventArchiveStore } from '../store/index.js';

/** How long new events and delivery changes wait to be written together, in milliseconds. */
export const ARCHIVE_FLUSH_MS = 50; // milliseconds

/** What keeping the logs across restarts needs. */
export interface EventArchiveDeps {
  store: EventArchiveStore;
  events: EventLog;
  deliveries: DeliveryLog;
  log: Logger;
  flushMs?: number;
}

/** What a delivery still under way at shutdown is restored as: its retries died with the process. */
const INTERRUPTED = 'the emulator stopped before the delivery ended'; // wording inferred

/**
 * Keeps the event log and SNS's delivery records in SQLite so both survive a restart: `restore` reads them back
 * before anything new happens; afterwards new events and changed delivery records are written behind, in one
 * transaction per batch (at most every ARCHIVE_FLUSH_MS), so no state change waits for the disk. `close` writes
 * what is pending.
 */
export class EventArchive {
  private readonly pendingEvents: LoggedEvent[] = [];
  private readonly pendingDeliveries = new Map<number, DeliveryRecord>();
  private readonly stops: (() => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly deps: EventArchiveDeps) {}

  /** Reads the kept events and deliveries back into their logs, then follows both. */
  restore(): void {
    const { store, events, deliveries } = this.deps;
    events.restore(store.recent('event_log', events.capacity).map((e) => ({ seq: e.seq, event: JSON.parse(e.document) as AwsEvent })));
    deliveries.restore(
      store.recent('sns_deliveries', deliveries.capacity).map((e): NumberedDelivery => {
        const record = JSON.parse(e.document) as DeliveryRecord;
        const open = record.status === 'pending' || record.status === 'retrying';
        return { seq: e.seq, record: open ? { ...record, status: 'failed', lastError: record.lastError ?? INTERRUPTED } : record };
      }),
    );
    this.stops.push(
      events.subscribe((logged) => this.queue(() => this.pendingEvents.push(logged))),
      deliveries.subscribe(({ seq, record }) => this.queue(() => this.pendingDeliveries.set(seq, record))),
    );
  }

  /** Writes what is pending now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { store, events, deliveries } = this.deps;
    const newEvents = this.pendingEvents.splice(0);
    const changed = [...this.pendingDeliveries].map(([seq, record]) => ({ seq, document: JSON.stringify(record) }));
    this.pendingDeliveries.clear();
    try {
      store.write('event_log', newEvents.map((l) => ({ seq: l.seq, document: JSON.stringify(l.event) })), events.capacity);
      store.write('sns_deliveries', changed, deliveries.capacity);
    } catch (err) {
      this.deps.log.warn({ err, events: newEvents.length, deliveries: changed.length }, 'could not keep recent events and deliveries');
    }
  }

  /** Stops following the logs and writes what is pending. */
  close(): void {
    this.stops.forEach((stop) => stop());
    this.flush();
  }

  private queue(add: () => void): void {
    add();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.deps.flushMs ?? ARCHIVE_FLUSH_MS);
    this.timer.unref();
  }
}
