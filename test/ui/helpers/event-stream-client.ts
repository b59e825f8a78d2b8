import type { ConsoleEvent } from '../../../src/ui/shared/console-event.js';

/** One Server-Sent Event as a browser's EventSource would deliver it. */
export interface StreamMessage {
  event: string;
  data: string;
}

/** A connection to the console's event stream that collects its messages, for tests. */
export interface EventStreamClient {
  messages: StreamMessage[];
  /** The engine events received so far (the `message` events, parsed). */
  events(): ConsoleEvent[];
  /** Waits until a received event satisfies the predicate, and returns it. */
  next(predicate: (e: ConsoleEvent) => boolean, timeoutMs?: number): Promise<ConsoleEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

function parseFrame(frame: string): StreamMessage | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return data.length ? { event, data: data.join('\n') } : undefined;
}

/** Opens `GET <url>` as an event stream and resolves once the server's `ready` event arrived. */
export async function openEventStream(url: string): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (!response.ok || !response.body) throw new Error(`event stream answered HTTP ${response.status}`);
  const messages: StreamMessage[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const message = parseFrame(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (message) messages.push(message);
        }
        waiters.forEach((w) => w());
      }
    } catch {
      // Aborted by close(): the stream simply ends.
    }
  })();
  /** Waits until `check` returns something, woken by each chunk the server sends. */
  async function until<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what()} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => (waiters.delete(wake), resolve());
        waiters.add(wake);
        setTimeout(wake, left);
      });
    }
  }
  const events = () => messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as ConsoleEvent);
  await until(() => messages.find((m) => m.event === 'ready'), 5000, () => 'the event stream sent no ready event');
  return {
    messages,
    ended,
    events,
    next: (predicate, timeoutMs = 10_000) => until(() => events().find(predicate), timeoutMs, () => `no matching event; received ${JSON.stringify(events().map((e) => e.type))}`),
    close: () => controller.abort(),
  };
}
