import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { ADVERTISEMENT_HEADERS, AutoGc, isAccountId, isRegionName, isRepositoryName, ReceivePackAdvertiser, SmartHttpPath, startHttpBackend, type StartedHttpBackend } from '../../git/index.js';
import type { RepositoryRecord, Scope } from '../../store/index.js';
import { settleDefaultBranch } from './default-branch.js';
import type { CodeCommitDeps } from './deps.js';

/** What git smart HTTP needs: the CodeCommit deps (store, default scope, logger). */
export type GitHttpDeps = CodeCommitDeps;

const PREFIX = '/v1/repos/';
const SERVICES = new Set(['git-upload-pack', 'git-receive-pack']);
// Pushes reach git as the same user, so reflogs and hooks see one name.
const REMOTE_USER = 'codepipeline-local';
// An advertisement larger than this (tens of thousands of refs) is not worth keeping a copy of to learn from.
const LEARNED_ADVERTISEMENT_LIMIT = 1 << 20; // bytes
// What git clients send a push's pack as (git http-backend refuses any other).
const RECEIVE_PACK_REQUEST = 'application/x-git-receive-pack-request';

/** A push's receive-pack, started when the client asked for the ref advertisement, for the POST it sends next. */
interface WaitingReceivePack {
  gitDir: string;
  backend: Promise<StartedHttpBackend>;
  /** Ends it unused when the connection closes first. */
  onClose: () => void;
}

/**
 * What the routes keep between requests: the gc after pushes, the receive-pack advertisements they answer
 * themselves, and per client connection the receive-pack waiting for that client's pack.
 */
interface GitServing {
  gc: AutoGc;
  advertiser: ReceivePackAdvertiser;
  waiting: WeakMap<Socket, WaitingReceivePack>;
}

/** A smart HTTP request resolved to a stored repository and one of the three endpoints. */
interface GitTarget {
  scope: Scope;
  record: RepositoryRecord;
  pathInfo: SmartHttpPath;
  queryString: string;
}

/**
 * Reads `/v1/repos/<name>/<endpoint>` or `/v1/repos/<account>/<region>/<name>/<endpoint>`. Every segment must be
 * a valid name as it stands (no percent-encoding, dots or options get through), and the repository must be in the
 * store: the URL never names a folder, the store's record does.
 */
export function resolveGitTarget(deps: Pick<GitHttpDeps, 'repositories' | 'defaultScope'>, method: string, rawUrl: string): GitTarget | undefined {
  const [path, query = ''] = rawUrl.split('?', 2);
  if (!path.startsWith(PREFIX)) return undefined;
  const found = endpoint(method, path.slice(PREFIX.length).split('/'), new URLSearchParams(query).get('service') ?? '');
  const located = found && locate(deps.defaultScope, found.repositorySegments);
  const record = located && deps.repositories.get(located.scope, located.name);
  return found && located && record ? { scope: located.scope, record, pathInfo: found.pathInfo, queryString: found.queryString } : undefined;
}

/** Splits the endpoint off the path; only smart HTTP's three are recognised, each with its one method. */
function endpoint(method: string, segments: string[], service: string) {
  const last = segments.at(-1);
  if (method === 'GET' && segments.at(-2) === 'info' && last === 'refs' && SERVICES.has(service)) {
    return { pathInfo: SmartHttpPath.InfoRefs, queryString: `service=${service}`, repositorySegments: segments.slice(0, -2) };
  }
  if (method === 'POST' && last === 'git-upload-pack') return { pathInfo: SmartHttpPath.UploadPack, queryString: '', repositorySegments: segments.slice(0, -1) };
  if (method === 'POST' && last === 'git-receive-pack') return { pathInfo: SmartHttpPath.ReceivePack, queryString: '', repositorySegments: segments.slice(0, -1) };
  return undefined;
}

function locate(defaultScope: Scope, segments: string[]): { scope: Scope; name: string } | undefined {
  if (segments.length !== 1 && segments.length !== 3) return undefined;
  const [account, region] = segments.length === 3 ? segments : [defaultScope.account, defaultScope.region];
  // Clients may add `.git`; CodeCommit names never end in it, so removing it is unambiguous.
  const name = segments[segments.length - 1].replace(/\.git$/, '');
  return isAccountId(account) && isRegionName(region) && isRepositoryName(name) ? { scope: { account, region }, name } : undefined;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Passes a body through, and hands a copy of the whole of it to `done` once it ended (unless it was too large). */
function recording(body: Readable, done: (whole: Buffer) => void): Readable {
  const chunks: Buffer[] = [];
  let size = 0;
  return body.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size <= LEARNED_ADVERTISEMENT_LIMIT) chunks.push(chunk);
        callback(null, chunk);
      },
      flush(callback) {
        if (size <= LEARNED_ADVERTISEMENT_LIMIT) done(Buffer.concat(chunks));
        callback();
      },
    }),
  );
}

async function serve(deps: GitHttpDeps, serving: GitServing, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const target = resolveGitTarget(deps, req.method, req.raw.url ?? '');
  if (!target) return reply.code(404).type('text/plain').send('Repository not found\n');
  // A push's first request, in protocol v0 (what push clients speak).
  const pushing = target.queryString === 'service=git-receive-pack' && header(req, 'git-protocol') === undefined;
  if (pushing) reply.raw.once('finish', () => startReceivePack(serving, req, target));
  // Answered from the ref files for a repository the emulator made.
  const advertising = pushing && !target.record.registered;
  const advertisement = advertising ? await serving.advertiser.advertise(target.record.gitDir) : undefined;
  if (advertisement) return reply.code(200).headers(ADVERTISEMENT_HEADERS).send(advertisement);
  const aborter = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) aborter.abort();
  });
  const backend = (await waitingReceivePack(serving, req, target)) ?? (await startHttpBackend(backendRequest(req, target)));
  const response = await backend.respond(req.method === 'POST' ? req.raw : undefined, {
    signal: aborter.signal,
    beforeEnd: () => afterGit(deps, serving.gc, target),
  });
  void response.exited.then(({ code, stderr }) => {
    if (code !== 0) deps.log.warn({ repositoryName: target.record.name, code, stderr: stderr.trim() }, 'git http-backend failed');
  });
  const learn = (whole: Buffer) => void serving.advertiser.learn(target.record.gitDir, whole).catch(() => undefined);
  const body = advertising && response.status === 200 ? recording(response.body, learn) : response.body;
  return reply.code(response.status).headers(response.headers).send(body);
}

/** The CGI request for http-backend, from the client's request (its length left out when `ahead` of the body). */
function backendRequest(req: FastifyRequest, target: GitTarget, ahead = false) {
  return {
    gitDir: target.record.gitDir,
    method: req.method as 'GET' | 'POST',
    pathInfo: target.pathInfo,
    queryString: target.queryString,
    headers: {
      contentType: header(req, 'content-type'),
      contentLength: ahead ? undefined : header(req, 'content-length'),
      contentEncoding: header(req, 'content-encoding'),
      gitProtocol: header(req, 'git-protocol'),
    },
    remoteUser: REMOTE_USER,
    remoteAddr: req.ip,
  };
}

/**
 * Once a push's ref advertisement is sent, starts the receive-pack its POST will need, on the same connection (git
 * keeps it alive), as `git push` over file:// starts receive-pack before it packs: the client's packing and git's
 * start then overlap. Ended unused when the connection closes or its next request is anything else.
 */
function startReceivePack(serving: GitServing, req: FastifyRequest, target: GitTarget): void {
  const socket = req.raw.socket;
  if (socket.destroyed) return;
  void takeWaiting(serving, socket)?.then((b) => b?.cancel());
  const post = { ...backendRequest(req, target, true), method: 'POST' as const, pathInfo: SmartHttpPath.ReceivePack, queryString: '' };
  const backend = startHttpBackend({ ...post, headers: { contentType: RECEIVE_PACK_REQUEST } });
  const onClose = () => void takeWaiting(serving, socket)?.then((b) => b?.cancel());
  socket.once('close', onClose);
  serving.waiting.set(socket, { gitDir: target.record.gitDir, backend, onClose });
}

/** Removes the receive-pack waiting on a connection, if any; resolves with it (undefined if it failed to start). */
function takeWaiting(serving: GitServing, socket: Socket): Promise<StartedHttpBackend | undefined> | undefined {
  const waiting = serving.waiting.get(socket);
  if (!waiting) return undefined;
  serving.waiting.delete(socket);
  socket.off('close', waiting.onClose);
  return waiting.backend.catch(() => undefined);
}

/** The receive-pack started for this POST, if there is one and the POST is the one it was started for. */
async function waitingReceivePack(serving: GitServing, req: FastifyRequest, target: GitTarget): Promise<StartedHttpBackend | undefined> {
  const waiting = serving.waiting.get(req.raw.socket);
  const backend = await takeWaiting(serving, req.raw.socket);
  if (!waiting) return undefined;
  const fits = target.pathInfo === SmartHttpPath.ReceivePack && waiting.gitDir === target.record.gitDir && header(req, 'content-type') === RECEIVE_PACK_REQUEST && header(req, 'content-encoding') === undefined && header(req, 'git-protocol') === undefined;
  if (fits && backend?.waiting) return backend;
  backend?.cancel();
  return undefined;
}

/** After a push, gives a new repository its default branch before the client hears the push is done, and asks for a gc after. */
async function afterGit(deps: GitHttpDeps, gc: AutoGc, target: GitTarget): Promise<void> {
  if (target.pathInfo !== SmartHttpPath.ReceivePack) return;
  gc.schedule(target.record.gitDir);
  const current = deps.repositories.get(target.scope, target.record.name);
  if (current) await settleDefaultBranch(deps, current).catch((error) => deps.log.warn({ err: error, repositoryName: current.name }, 'could not set the default branch'));
}

/**
 * Adds git smart HTTP (`git clone`, `fetch`, `push`) at `/v1/repos/...`, served by `git http-backend`. Request
 * bodies are streamed to git untouched, so these routes live in their own plugin without the server's body parser.
 * A push to a registered non-bare checkout may update any branch but the one checked out there, which git itself
 * refuses (receive.denyCurrentBranch), so the user's working tree never changes under them.
 */
export function gitHttpRoutes(deps: GitHttpDeps): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const gc = new AutoGc((error, gitDir) => deps.log.warn({ err: error, gitDir }, 'git gc --auto failed after a push'));
    const serving: GitServing = { gc, advertiser: new ReceivePackAdvertiser(), waiting: new WeakMap() };
    app.addHook('onClose', () => gc.close());
    await app.register(async (git) => {
      git.removeAllContentTypeParsers();
      // Leaves the body unread on req.raw for git to consume, however large a push is.
      git.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
      git.route({ method: ['GET', 'POST'], url: `${PREFIX}*`, handler: (req, reply) => serve(deps, serving, req, reply) });
    });
  };
}
