import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngineEventBus } from '../../engine/index.js';
import type { ConsoleEvent } from '../shared/console-event.js';
import { CONSOLE_EVENT_NAMES, toConsoleEvent, type EnginePayload } from './console-events.js';

const HEARTBEAT_MS = 20_000; // milliseconds; proxies and browsers drop idle streams after about a minute
const RECONNECT_MS = 1_000; // milliseconds; how soon EventSource reconnects after the stream drops
const MAX_BUFFERED_BYTES = 1024 * 1024; // a client this far behind is cut off rather than buffered for

/** One browser listening, with the account and region it asked for (either may be absent: all of them). */
interface Listener {
  res: ServerResponse;
  account?: string;
  region?: string;
}

/** What the event stream needs: the engine's event bus. */
export interface EventStreamDeps {
  events: EngineEventBus;
  heartbeatMs?: number;
}

/**
 * The console's live event stream: Server-Sent Events carrying one small JSON message per engine event,
 * so open pages refetch what changed instead of polling.
 */
export class ConsoleEventStream {
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: (() => void)[];
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly deps: EventStreamDeps) {
    this.unsubscribe = CONSOLE_EVENT_NAMES.map((name) => deps.events.on(name, (payload) => this.publish(toConsoleEvent(name, payload as EnginePayload))));
  }

  /** How many browsers are listening now. */
  get size(): number {
    return this.listeners.size;
  }

  /** Answers `GET /console/api/events[?account=&region=]`: keeps the response open and writes events to it. */
  handle(request: FastifyRequest<{ Querystring: { account?: string; region?: string } }>, reply: FastifyReply): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // The `ready` event tells the page it is (re)connected, so it refetches what it may have missed.
    res.write(`retry: ${RECONNECT_MS}\nevent: ready\ndata: {}\n\n`);
    const listener: Listener = { res, account: request.query.account || undefined, region: request.query.region || undefined };
    this.listeners.add(listener);
    this.armHeartbeat();
    res.on('close', () => this.drop(listener));
    // A socket reset while writing must not become an unhandled 'error' event: the listener just goes.
    res.on('error', () => this.drop(listener));
  }

  /** Ends every open stream and stops listening to the engine, so the server can close. */
  close(): void {
    this.unsubscribe.forEach((off) => off());
    for (const listener of [...this.listeners]) {
      listener.res.end();
      this.drop(listener);
    }
  }

  private publish(event: ConsoleEvent): void {
    if (!this.listeners.size) return;
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const listener of this.listeners) {
      if (listener.account && listener.account !== event.account) continue;
      if (listener.region && listener.region !== event.region) continue;
      this.write(listener, frame);
    }
  }

  private write(listener: Listener, frame: string): void {
    if (listener.res.destroyed || listener.res.writableEnded) return this.drop(listener);
    if (listener.res.writableLength > MAX_BUFFERED_BYTES) {
      // A page that stopped reading would otherwise hold memory forever; EventSource reconnects and refetches.
      listener.res.destroy();
      this.drop(listener);
      return;
    }
    listener.res.write(frame);
  }

  private armHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => this.listeners.forEach((l) => this.write(l, ': keep-alive\n\n')), this.deps.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private drop(listener: Listener): void {
    this.listeners.delete(listener);
    if (!this.listeners.size && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }
}
