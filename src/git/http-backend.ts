import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { runGit } from './git.js';
import { PrestartedCgi } from './prestarted-cgi.js';

/** The three smart HTTP endpoints of a repository; nothing else (no dumb HTTP) is ever passed to git. */
export const SmartHttpPath = { InfoRefs: '/info/refs', UploadPack: '/git-upload-pack', ReceivePack: '/git-receive-pack' } as const;
/** One of SmartHttpPath's values. */
export type SmartHttpPath = (typeof SmartHttpPath)[keyof typeof SmartHttpPath];

/** One smart HTTP request for `git http-backend`, with the repository already resolved to its git directory. */
export interface HttpBackendRequest {
  gitDir: string;
  method: 'GET' | 'POST';
  pathInfo: SmartHttpPath;
  /** Built by the caller from known values only (`service=git-upload-pack`), never copied from the URL. */
  queryString: string;
  headers: { contentType?: string; contentLength?: string; contentEncoding?: string; gitProtocol?: string };
  remoteUser: string;
  remoteAddr: string;
  body?: Readable;
  /** Kills git when the client goes away. */
  signal?: AbortSignal;
  /** Runs once git is done and before the response ends, so a client that sees its push finish sees its effects too. */
  beforeEnd?: () => Promise<void>;
}

/** The CGI's answer: status and headers parsed from its output, the body streaming, and how git ended. */
export interface HttpBackendResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
  /** Settles when git has exited. */
  exited: Promise<{ code: number; stderr: string }>;
}

/** What the CGI is given; the user's environment is not passed, so GIT_DIR and friends cannot redirect it. */
function cgiEnvironment(req: HttpBackendRequest): Record<string, string> {
  const env: Record<string, string> = {
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_HTTP_EXPORT_ALL: '1',
    // The project root is the repository itself, and PATH_INFO one of three constants, so git serves this repository only.
    GIT_PROJECT_ROOT: req.gitDir,
    PATH_INFO: req.pathInfo,
    REQUEST_METHOD: req.method,
    QUERY_STRING: req.queryString,
    REMOTE_USER: req.remoteUser,
    REMOTE_ADDR: req.remoteAddr,
    GATEWAY_INTERFACE: 'CGI/1.1',
    // receive-pack's `gc --auto` is one more process before the client hears its push is done; the caller runs it
    // afterwards (scheduleAutoGc). Given on the command line's channel, so the repository's own config is untouched.
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'receive.autoGc',
    GIT_CONFIG_VALUE_0: 'false',
  };
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.HOME !== undefined) env.HOME = process.env.HOME;
  if (req.headers.contentType) env.CONTENT_TYPE = req.headers.contentType;
  // Without CONTENT_LENGTH (a chunked push) http-backend reads the body to its end.
  if (req.headers.contentLength) env.CONTENT_LENGTH = req.headers.contentLength;
  if (req.headers.contentEncoding) env.HTTP_CONTENT_ENCODING = req.headers.contentEncoding;
  if (req.headers.gitProtocol) env.GIT_PROTOCOL = req.headers.gitProtocol;
  return env;
}

/** Splits CGI output into its header block and the first bytes of the body; undefined until the blank line arrives. */
export function splitCgiHeaders(output: Buffer): { status: number; headers: Record<string, string>; rest: Buffer } | undefined {
  let end = output.indexOf('\r\n\r\n');
  let gap = 4;
  const lf = output.indexOf('\n\n');
  if (lf >= 0 && (end < 0 || lf < end)) [end, gap] = [lf, 2];
  if (end < 0) return undefined;
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of output.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers, rest: output.subarray(end + gap) };
}

type Exit = { code: number; stderr: string };

/**
 * Streams what git prints after its headers; the body ends once git's output has ended and `beforeEnd` has run.
 * The output ends when receive-pack (or upload-pack) has exited, which holds the last copy of the pipe: http-backend
 * closes its own right after starting it. So the client is not kept waiting for the server to hear of http-backend's
 * exit as well; `exited` still tells the caller how git ended.
 */
function streamBody(child: ChildProcessWithoutNullStreams, first: Buffer, beforeEnd: HttpBackendRequest['beforeEnd']): Readable {
  const body = new PassThrough();
  body.write(first);
  child.stdout.pipe(body, { end: false });
  child.stdout.on('end', async () => {
    // The push itself is done; the caller logs its own failures, and the client still gets git's answer.
    await beforeEnd?.().catch(() => undefined);
    body.end();
  });
  return body;
}

let program: Promise<[string, string[]]> | undefined;
let launcher: Promise<PrestartedCgi> | undefined;

/**
 * `git http-backend` as the program git itself would run: `git-http-backend` in git's exec path, started directly
 * rather than through the `git` wrapper, which would only exec it (a second process start on every request).
 */
function httpBackendProgram(): Promise<[string, string[]]> {
  program ??= runGit(['--exec-path']).then(
    async ({ stdout }) => {
      const direct = join(stdout.toString().trim(), 'git-http-backend');
      return access(direct).then(
        () => [direct, []] as [string, string[]],
        () => ['git', ['http-backend']] as [string, string[]],
      );
    },
    () => ['git', ['http-backend']] as [string, string[]],
  );
  return program;
}

/** Starts http-backend processes, one started ahead of the next request. */
function httpBackendLauncher(): Promise<PrestartedCgi> {
  launcher ??= httpBackendProgram().then(([command, args]) => new PrestartedCgi(command, args));
  return launcher;
}

/** An http-backend started before its request arrived, waiting for the body (see startHttpBackend). */
export interface StartedHttpBackend {
  /** False once git has ended, having taken no request. */
  readonly waiting: boolean;
  /** Streams the request body in and answers as runHttpBackend does. */
  respond(body: Readable | undefined, options?: Pick<HttpBackendRequest, 'signal' | 'beforeEnd'>): Promise<HttpBackendResponse>;
  /** Ends its input without a request: receive-pack then exits having read no command and changed nothing. */
  cancel(): void;
}

/**
 * Starts `git http-backend` for a request whose body is still to come. Without a CONTENT_LENGTH http-backend hands
 * its own stdin to the service and reads no further, so a push's receive-pack can be started while the client is
 * still packing, as `git push` starts it over file://; the body, piped in later, goes to git untouched.
 */
export async function startHttpBackend(req: Omit<HttpBackendRequest, 'body' | 'signal' | 'beforeEnd'>): Promise<StartedHttpBackend> {
  const child = (await httpBackendLauncher()).start(cgiEnvironment(req));
  // Failing to start ends in `exited` too; the error must not go unheard while no request is attached yet.
  child.on('error', () => undefined);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8192)));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stderr })));
  // git may exit before reading the whole body (a refused request); the broken pipe is expected then.
  child.stdin.on('error', () => undefined);
  let taken = false;
  return {
    get waiting() {
      return !taken && child.exitCode === null && child.signalCode === null;
    },
    cancel: () => {
      taken = true;
      child.stdin.end();
    },
    respond: (body, options = {}) => {
      taken = true;
      if (options.signal?.aborted) child.kill();
      else options.signal?.addEventListener('abort', () => child.kill(), { once: true });
      if (body) body.pipe(child.stdin);
      else child.stdin.end();
      return new Promise((resolve, reject) => {
        let head = Buffer.alloc(0);
        // Also keeps a failure to start from becoming an unhandled error.
        child.on('error', reject);
        const onData = (chunk: Buffer) => {
          head = Buffer.concat([head, chunk]);
          const split = splitCgiHeaders(head);
          if (!split) return;
          child.stdout.off('data', onData);
          child.stdout.pause();
          resolve({ status: split.status, headers: split.headers, body: streamBody(child, split.rest, options.beforeEnd), exited });
        };
        child.stdout.on('data', onData);
        void exited.then(({ code }) => reject(new Error(`git http-backend exited (${code}) before sending headers: ${stderr.trim()}`)));
      });
    },
  };
}

/** Runs `git http-backend` as a CGI for one request, streaming the request body in and the response out. */
export async function runHttpBackend(req: HttpBackendRequest): Promise<HttpBackendResponse> {
  return (await startHttpBackend(req)).respond(req.body, req);
}
