import { EVENTS_PATH, type ConsoleEvent } from '../../shared/console-event.js';
import { currentCaller } from './aws.js';

/** What a subscriber receives: an engine event, or `ready` when the stream (re)connected and anything may have changed. */
export type LiveMessage = ConsoleEvent | { type: 'ready' };

/** The state of the connection, shown in the header. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

type Listener = (message: LiveMessage) => void;

const MAX_BACKOFF_MS = 30_000; // milliseconds

/**
 * The one EventSource of the page: every view subscribes to it and refetches through the API what an event
 * says changed. EventSource reconnects by itself; when the browser gives up, this reconnects with a backoff.
 */
class LiveEvents {
  private source?: EventSource;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private backoffMs = 1000;
  private retry?: ReturnType<typeof setTimeout>;
  status: LiveStatus = 'connecting';
  /** How many times the stream has become ready: a load that started before the latest ready may have missed events. */
  epoch = 0;

  /**
   * Opens the stream of every account and region, as soon as the page loads (before the account is known, so it
   * is ready before the first API answer arrives); events of other accounts and regions are dropped here.
   */
  connect(): void {
    if (this.source && this.source.readyState !== EventSource.CLOSED) return;
    clearTimeout(this.retry);
    const source = new EventSource(EVENTS_PATH);
    this.source = source;
    this.setStatus(this.status === 'live' ? 'reconnecting' : 'connecting');
    source.addEventListener('ready', () => {
      this.epoch++;
      this.backoffMs = 1000;
      this.setStatus('live');
      this.emit({ type: 'ready' });
    });
    source.onmessage = (e) => {
      const event = JSON.parse(e.data as string) as ConsoleEvent;
      const { account, region } = currentCaller();
      if (event.account === account && event.region === region) this.emit(event);
    };
    source.onerror = () => {
      if (source !== this.source) return;
      this.setStatus('reconnecting');
      if (source.readyState !== EventSource.CLOSED) return;
      // The browser gave up (the server answered an error): try again later, a little later each time.
      this.retry = setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    };
  }

  /** Calls `listener` for every message; returns a function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` when the connection state changes; returns a function that unsubscribes. */
  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private emit(message: LiveMessage): void {
    this.listeners.forEach((l) => l(message));
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((l) => l(status));
  }
}

/** The page's live event stream. */
export const liveEvents = new LiveEvents();
