import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { matchesFilter, type EventFilter, type EventLog, type LoggedEvent } from '../../events/index.js';

/** The path of the event stream: `_aws` cannot be an S3 bucket name, so no signed S3 call is ever taken for it. */
export const EVENTS_ROUTE = '/_aws/events';

const HEARTBEAT_MS = 20_000; // milliseconds; proxies drop idle streams after about a minute
const MAX_BUFFERED_BYTES = 1024 * 1024; // a reader this far behind is cut off rather than buffered for

type Query = Record<string, string | undefined>;

/** The filter a request's query asks for: `source`, `detail-type`, `pipeline`, `resource`, `account`, `region`. */
export function filterOf(query: Query): EventFilter {
  const pick = (...names: string[]) => names.map((n) => query[n]).find((v) => v !== undefined && v !== '');
  return {
    source: pick('source'),
    detailType: pick('detail-type', 'detailType'),
    pipeline: pick('pipeline'),
    resource: pick('resource'),
    account: pick('account'),
    region: pick('region'),
  };
}

const isFalse = (value: string | undefined) => value !== undefined && ['0', 'false', 'no'].includes(value.toLowerCase());

/**
 * Serves the EventBridge-shaped events: `GET /_aws/events` writes the kept events that pass the query's filter
 * (after `since=<seq>` or SSE's `Last-Event-ID`), then each new one as it happens, as NDJSON (one event a line) or,
 * when the client accepts `text/event-stream` or asks `format=sse`, as Server-Sent Events whose ids are sequence
 * numbers. `follow=false` ends the answer after the kept events.
 */
export function registerEventStreamRoute(app: FastifyInstance, events: EventLog): () => void {
  const open = new Set<ServerResponse>();
  app.get<{ Querystring: Query }>(EVENTS_ROUTE, (request, reply) => {
    const filter = filterOf(request.query);
    const sse = request.query.format === 'sse' || (request.query.format !== 'ndjson' && String(request.headers.accept ?? '').includes('text/event-stream'));
    const since = Number(request.query.since ?? request.headers['last-event-id'] ?? 0);
    // SSE frames are unnamed (`message`), so one EventSource `onmessage` hears every event.
    const frame = (l: LoggedEvent) => (sse ? `id: ${l.seq}\ndata: ${JSON.stringify(l.event)}\n\n` : `${JSON.stringify(l.event)}\n`);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': sse ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    // Headers go out now, so a client waiting for them is not held until the first event.
    res.flushHeaders();
    const kept = events.recent(filter, Number.isFinite(since) ? since : 0);
    // Written as one chunk: a long history must not become thousands of writes.
    if (kept.length) res.write(kept.map(frame).join(''));
    if (isFalse(request.query.follow)) return void res.end();
    open.add(res);
    let heartbeat: NodeJS.Timeout | undefined;
    const stop = events.subscribe((l) => {
      if (!matchesFilter(l.event, filter)) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) return void res.destroy();
      res.write(frame(l));
    });
    if (sse) {
      heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
    }
    const end = () => {
      stop();
      clearInterval(heartbeat);
      open.delete(res);
    };
    res.on('close', end);
    res.on('error', end);
  });
  // Open streams would keep the server from closing: the caller ends them at shutdown.
  return () => open.forEach((res) => res.end());
}
