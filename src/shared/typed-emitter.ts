import { EventEmitter } from 'node:events';

/** An EventEmitter whose event names and payloads are checked by the compiler. */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly inner = new EventEmitter({ captureRejections: false });

  constructor() {
    // The console and the logger may both subscribe to busy events.
    this.inner.setMaxListeners(100);
  }

  /** Subscribes to one event; returns a function that unsubscribes. */
  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): () => void {
    this.inner.on(event, listener);
    return () => this.inner.off(event, listener);
  }

  /** Emits one event to its listeners, synchronously. */
  emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    this.inner.emit(event, payload);
  }
}
