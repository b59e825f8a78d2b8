import type { AwsEvent } from './aws-event.js';
import { matchesFilter, type EventFilter } from './event-filter.js';

/** How many events are kept for readers that ask for the recent past (each about 1 KB). */
export const DEFAULT_EVENT_LOG_SIZE = 2000;

/** A recorded event and its place in the log, so a reader can ask for what came after it. */
export interface LoggedEvent {
  seq: number;
  event: AwsEvent;
}

/**
 * The EventBridge-shaped events of this emulator: the last `size` of them in a ring, and listeners told of each new
 * one synchronously (a listener that throws is dropped from that one delivery only; it must not stop the others).
 */
export class EventLog {
  private readonly ring: LoggedEvent[] = [];
  private readonly listeners = new Set<(logged: LoggedEvent) => void>();
  private seq = 0;

  constructor(private readonly size = DEFAULT_EVENT_LOG_SIZE) {}

  /** How many events are kept. */
  get capacity(): number {
    return this.size;
  }

  /** Takes back events kept before a restart (oldest first), before any new one: sequence numbers go on from theirs. */
  restore(kept: LoggedEvent[]): void {
    this.ring.splice(0, this.ring.length, ...kept.slice(-this.size));
    this.seq = Math.max(this.seq, ...kept.map((l) => l.seq));
  }

  /** Records an event and tells every listener. */
  append(event: AwsEvent): LoggedEvent {
    const logged = { seq: ++this.seq, event };
    this.ring.push(logged);
    if (this.ring.length > this.size) this.ring.shift();
    for (const listener of this.listeners) {
      try {
        listener(logged);
      } catch {
        // A reader's failure is its own: the state change that made the event goes on.
      }
    }
    return logged;
  }

  /** The kept events passing the filter, oldest first, after `afterSeq` when given. */
  recent(filter: EventFilter = {}, afterSeq = 0): LoggedEvent[] {
    return this.ring.filter((l) => l.seq > afterSeq && matchesFilter(l.event, filter));
  }

  /** Listens to every new event; returns a function that stops listening. */
  subscribe(listener: (logged: LoggedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
