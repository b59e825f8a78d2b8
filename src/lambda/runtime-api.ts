import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Lambda's limit on a synchronous invocation's response payload: 6 MB. */
export const RESPONSE_MAX_BYTES = 6 * 1024 * 1024;

/** One invocation the Runtime API hands to the runtime. */
export interface PendingInvocation {
  requestId: string;
  event: Buffer;
  /** The function's timeout (ms), which runs from the moment the runtime takes the invocation. */
  timeoutMs: number;
  functionArn: string;
  traceId: string;
  /** The caller's client context (Invoke's ClientContext, decoded from base64): JSON text. */
  clientContext?: string;
}

/** What the runtime answered: its result, its error, or its init error (then no invocation can run). */
export type RuntimeAnswer =
  | { kind: 'response'; body: Buffer; maxMemoryMb?: number }
  | { kind: 'error'; body: Buffer; errorType: string; maxMemoryMb?: number }
  | { kind: 'init-error'; body: Buffer; errorType: string };

const PREFIX = '/2018-06-01/runtime';

function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The Lambda Runtime API of one sandbox (runtimes-api.html): GET /runtime/invocation/next (a long poll), POST
 * /runtime/invocation/{id}/response and /error, POST /runtime/init/error. It listens on 127.0.0.1 (listen()), which
 * a container on the host's network reaches as AWS_LAMBDA_RUNTIME_API, or answers the requests the emulator's own
 * port hands it (handle()) for a container on another engine.
 */
export class RuntimeApi {
  private server: Server | undefined;
  private parked: ServerResponse | undefined;
  private current: { invocation: PendingInvocation; handed: boolean; answer: (a: RuntimeAnswer) => void; onHanded: (deadlineMs: number) => void } | undefined;
  private initError: RuntimeAnswer | undefined;
  /** When the runtime first asked for an invocation (its init ended), ms since the epoch. */
  firstPollMs: number | undefined;

  /** Starts listening on 127.0.0.1; resolves with host:port for AWS_LAMBDA_RUNTIME_API. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res, req.url ?? ''));
    this.server = server;
    // The long poll of /next waits as long as the sandbox idles.
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Answers one request of the runtime; `path` is the request's path from /2018-06-01 on. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    void this.route(req, res, path.split('?')[0]).catch(() => reply(res, 500, { errorMessage: 'Internal error', errorType: 'ServiceException' }));
  }

  /**
   * Hands an invocation to the runtime once it asks (`onHanded` hears when, with the deadline it was given); resolves with
   * its answer (a recorded init error answers at once).
   */
  invoke(invocation: PendingInvocation, onHanded: (deadlineMs: number) => void): Promise<RuntimeAnswer> {
    if (this.initError) return Promise.resolve(this.initError);
    return new Promise((answer) => {
      this.current = { invocation, handed: false, answer, onHanded };
      if (this.parked) this.hand(this.parked);
    });
  }

  /** Forgets the current invocation (it timed out or its runtime exited). */
  abandon(): void {
    this.current = undefined;
  }

  /** Stops listening and drops the parked poll. */
  async close(): Promise<void> {
    this.parked?.destroy();
    this.parked = undefined;
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private hand(res: ServerResponse): void {
    const current = this.current!;
    this.parked = undefined;
    current.handed = true;
    const { invocation } = current;
    const deadlineMs = Date.now() + invocation.timeoutMs;
    current.onHanded(deadlineMs);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': invocation.requestId,
      'Lambda-Runtime-Deadline-Ms': String(deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': invocation.functionArn,
      'Lambda-Runtime-Trace-Id': invocation.traceId,
      ...(invocation.clientContext !== undefined ? { 'Lambda-Runtime-Client-Context': invocation.clientContext } : {}),
    });
    res.end(invocation.event);
  }

  private async route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'GET' && path === `${PREFIX}/invocation/next`) {
      this.firstPollMs ??= Date.now();
      if (this.current && !this.current.handed) return this.hand(res);
      this.parked = res;
      return;
    }
    const match = /^\/2018-06-01\/runtime\/(?:invocation\/([^/]+)\/(response|error)|init\/(error))$/.exec(path);
    if (req.method !== 'POST' || !match) return reply(res, 404, { errorMessage: 'Not found', errorType: 'InvalidRequest' }); // wording inferred
    const body = await readBody(req, RESPONSE_MAX_BYTES);
    const errorType = String(req.headers['lambda-runtime-function-error-type'] ?? 'Unhandled');
    if (match[3]) {
      this.initError = { kind: 'init-error', body: body ?? Buffer.from('{}'), errorType };
      this.current?.answer(this.initError);
      this.current = undefined;
      return reply(res, 202, { status: 'OK' });
    }
    if (!this.current || this.current.invocation.requestId !== decodeURIComponent(match[1])) {
      return reply(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    }
    const memory = Number(req.headers['codepipeline-local-max-memory-used']);
    const maxMemoryMb = Number.isFinite(memory) && memory > 0 ? memory : undefined;
    const answer = this.current.answer;
    this.current = undefined;
    if (body === undefined) {
      const message = `Response payload size exceeded maximum allowed payload size (${RESPONSE_MAX_BYTES} bytes).`;
      answer({ kind: 'error', errorType: 'Function.ResponseSizeTooLarge', body: Buffer.from(JSON.stringify({ errorMessage: message, errorType: 'Function.ResponseSizeTooLarge' })), maxMemoryMb });
      return reply(res, 413, { errorMessage: message, errorType: 'RequestEntityTooLarge' });
    }
    answer(match[2] === 'response' ? { kind: 'response', body, maxMemoryMb } : { kind: 'error', body, errorType, maxMemoryMb });
    reply(res, 202, { status: 'OK' });
  }
}
