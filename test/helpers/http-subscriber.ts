import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor, type WaitOptions } from './wait.js';

/** One POST an SNS endpoint received. */
export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body read as JSON, when it is JSON. */
  json?: any;
}

/** A real HTTP server standing for an SNS subscriber: it records every POST and answers with `status()`. */
export interface HttpSubscriber {
  url: string;
  received: ReceivedPost[];
  /** The status answered next (200 by default); a test makes the endpoint fail by changing it. */
  status: number;
  /** Waits for a POST matching the predicate and returns it. */
  next(predicate: (post: ReceivedPost) => boolean, options?: WaitOptions): Promise<ReceivedPost>;
  close(): Promise<void>;
}

/** Starts a subscriber endpoint on a free port of 127.0.0.1. */
export async function startHttpSubscriber(): Promise<HttpSubscriber> {
  const received: ReceivedPost[] = [];
  const subscriber = { status: 200 } as HttpSubscriber;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ path: req.url ?? '/', headers: req.headers, body, json });
      res.writeHead(subscriber.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(subscriber, {
    url: `http://127.0.0.1:${port}`,
    received,
    next: (predicate: (post: ReceivedPost) => boolean, options: WaitOptions = {}) =>
      waitFor(() => received.find(predicate), { timeoutMs: 10_000, description: 'a POST at the subscriber', ...options }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
