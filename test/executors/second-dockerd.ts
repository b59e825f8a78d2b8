import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { accepts } from '../helpers/ports.js';
import { waitFor } from '../helpers/wait.js';
import { startReverseRelay, type ReverseRelay } from './reverse-relay.js';

const run = promisify(execFile);

/** A second Docker engine on a socket of its own, with its own data root and network namespace, beside the machine's. */
export interface SecondDockerd {
  /** Its DOCKER_HOST-style address, unix:///tmp/cpl-dockerd-.../docker.sock. */
  host: string;
  /** With the `tls` option: its TLS address as the machine sees it, tcp://127.0.0.1:PORT. */
  tlsHost?: string;
  /** Runs the docker CLI against it. */
  docker(...args: string[]): Promise<string>;
  /**
   * Makes a TCP port of its namespace (127.0.0.1:port there: a published port, a listener) reachable from the machine
   * at 127.0.0.1 on the port returned; the relay ends with stop() or crash().
   */
  relay(portInside: number): Promise<number>;
  /**
   * The other way: makes 127.0.0.1:targetPort of the machine (the emulator) reachable inside its namespace at
   * portInside, on every address there; its containers (with `network`) reach it at bridgeGateway(). Ends with its
   * close(), stop() or crash().
   */
  reverseRelay(targetPort: number, portInside: number): Promise<ReverseRelay>;
  /** With `network`: the address of its default bridge's gateway, as its containers reach its namespace. */
  bridgeGateway(): Promise<string>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
  /** Kills it at once, as a host that dies: the daemon, its containerd and shims, and its containers' processes. */
  crash(): Promise<void>;
}

/** Options of a second dockerd. */
export interface SecondDockerdOptions {
  /** Serve TLS on TCP as well (`--tlsverify`), with these files: dockerd's --tlscacert, --tlscert and --tlskey. */
  tls?: { ca: string; cert: string; key: string };
  /**
   * Give it its default bridge and iptables rules, inside its own namespace (they are that namespace's, and the
   * machine's docker0 is left alone), so its containers have a network and can publish ports (reach them with relay()).
   */
  network?: boolean;
  /** Bring the namespace's loopback up (with no bridge): a swarm of this engine talks to itself on 127.0.0.1. */
  loopback?: boolean;
}

// The TCP port of the TLS listener inside the dockerd's own namespace (where nothing else listens).
const TLS_PORT_INSIDE = 2376;

// A byte relay from a unix socket to a TCP port, run inside the dockerd's namespace: argv is the socket, the port.
// Half-open: a client that ends its side (a build's stdin) still reads the answer, as over a direct connection.
const RELAY_INSIDE = `const net = require('node:net'); const [path, port] = process.argv.slice(1);
net.createServer({ allowHalfOpen: true }, (c) => { const u = net.connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true }); c.pipe(u).pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); }).listen(path);`;

/**
 * Starts `dockerd` in a network namespace of its own (`unshare --net`), listening on a unix socket in a temporary
 * folder that also holds its data, exec root and pidfile, with no bridge and no iptables rules; its containers get no
 * network (with `network`, they get its own default bridge, in its namespace). In the machine's namespace a second dockerd, even with `--bridge none`, removes the running engine's
 * docker0 bridge, and every container started afterwards fails. Then it loads the given images of the machine's
 * engine into it. With `loopback` (implied by `tls` and `network`), the namespace's `lo` is brought up first, which
 * a swarm of that engine needs (docker swarm init --advertise-addr 127.0.0.1).
 *
 * With `tls`, it also listens on TCP with `--tlsverify` inside its namespace, which the machine cannot reach; dockerd
 * serves TLS on TCP only, never on a unix socket. So two relays copy bytes, TLS untouched, from the machine's side:
 * 127.0.0.1:PORT in this process, to a unix socket in the folder (files are shared across namespaces), to a node
 * relay started inside the namespace (`nsenter --net`), to dockerd's TLS port. The client and dockerd do the handshake
 * end to end; the unix socket stays plain, for the docker CLI that loads images. relay() does the same for any port.
 */
export async function startSecondDockerd(images: string[], options: SecondDockerdOptions = {}): Promise<SecondDockerd> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-dockerd-'));
  const host = `unix://${join(dir, 'docker.sock')}`;
  const { tls, network } = options;
  const args = ['--host', host, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'dockerd.pid'),
    ...(network ? [] : ['--bridge', 'none', '--iptables=false', '--ip-masq=false'])];
  if (tls) args.push('--host', `tcp://127.0.0.1:${TLS_PORT_INSIDE}`, '--tlsverify', '--tlscacert', tls.ca, '--tlscert', tls.cert, '--tlskey', tls.key);
  let output = '';
  // A new namespace's loopback is down: brought up for the TLS listener, published ports and a swarm on 127.0.0.1,
  // then the shell becomes dockerd (same pid).
  const command = tls || network || options.loopback ? ['--net', 'sh', '-c', 'ip link set lo up && exec dockerd "$@"', 'sh', ...args] : ['--net', 'dockerd', ...args];
  const child: ChildProcess = spawn('unshare', command, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const docker = async (...cli: string[]) => (await run('docker', ['-H', host, ...cli], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const relays: Relay[] = [];
  const closeRelays = async () => {
    for (const r of relays.splice(0)) await r.close();
  };
  const relay = async (portInside: number) => {
    const r = await startRelay(child.pid!, join(dir, `relay-${portInside}-${relays.length}.sock`), portInside);
    relays.push(r);
    return r.port;
  };
  const reverseRelay = async (targetPort: number, portInside: number) => {
    const r = await startReverseRelay(child.pid!, join(dir, `reverse-${portInside}-${relays.length}.sock`), portInside, targetPort);
    relays.push({ port: portInside, close: r.close });
    return r;
  };
  // The address of docker0 in its namespace (dockerd 20.10 does not list it as the default bridge's gateway).
  const bridgeGateway = async () => {
    const { stdout } = await run('nsenter', [`--net=/proc/${child.pid}/ns/net`, 'ip', '-4', '-o', 'addr', 'show', 'docker0']);
    const address = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(stdout)?.[1];
    if (!address) throw new Error(`the second dockerd's docker0 has no IPv4 address: ${stdout}`);
    return address;
  };
  let tlsPort: number | undefined;
  const stop = async () => {
    await closeRelays();
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    // dockerd leaves its data root mounted on itself and its default network namespace mounted: unmounted first.
    for (const mount of mountsUnder(dir)) await run('umount', [mount]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  const crash = async () => {
    await closeRelays();
    child.kill('SIGKILL');
    await exited;
    // What the daemon started lives on without it: containerd and its shims name the folder on their command line,
    // and the containers' processes have their root under its data.
    for (const pid of processesOf(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  };
  try {
    await waitFor(() => docker('version', '--format', '{{.Server.Version}}').catch(() => ''), { description: `a second dockerd on ${host}`, timeoutMs: 60_000, intervalMs: 200 }, (v) => v.trim() !== '');
    if (tls) tlsPort = await relay(TLS_PORT_INSIDE);
    for (const image of images) await run('sh', ['-c', `docker save ${image} | docker -H ${host} load`]);
  } catch (err) {
    await stop();
    throw new Error(`could not start a second dockerd (dockerd ${args.join(' ')}): ${(err as Error).message}\n${output}`);
  }
  return { host, tlsHost: tlsPort === undefined ? undefined : `tcp://127.0.0.1:${tlsPort}`, docker, relay, reverseRelay, bridgeGateway, stop, crash };
}

/** A relay of bytes to a port or socket, listening on 127.0.0.1:port. */
export interface Relay {
  port: number;
  close(): Promise<void>;
}

// Two relays: 127.0.0.1:port here, to `socket`, to 127.0.0.1:portInside inside the namespace of `pid`.
async function startRelay(pid: number, socket: string, portInside: number): Promise<Relay> {
  const inside = spawn('nsenter', [`--net=/proc/${pid}/ns/net`, process.execPath, '-e', RELAY_INSIDE, socket, String(portInside)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let insideErrors = '';
  inside.stderr?.on('data', (c: Buffer) => (insideErrors = (insideErrors + c.toString()).slice(-2000)));
  const insideExited = new Promise<void>((resolve) => inside.once('exit', () => resolve()));
  let outside: Relay | undefined;
  const close = async () => {
    await outside?.close();
    if (inside.exitCode === null && inside.signalCode === null) inside.kill('SIGTERM');
    await insideExited;
  };
  try {
    outside = await relayToSocket(socket);
    await waitFor(() => accepts(socket), { description: `the relay into the dockerd's namespace on ${socket}`, timeoutMs: 20_000, intervalMs: 100 }, Boolean);
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}; the relay said: ${insideErrors}`);
  }
  return { port: outside.port, close };
}

/**
 * A byte relay in this process from 127.0.0.1:port (`port`, or one the kernel picks) to a unix socket, half-open as a
 * direct connection is: e.g. a dockerd's API socket as a tcp:// engine. close() cuts the connections under way too.
 */
export async function relayToSocket(socket: string, port = 0): Promise<Relay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const relay = connect({ path: socket, allowHalfOpen: true });
    for (const s of [client, relay]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    }
    client.pipe(relay).pipe(client);
    client.on('error', () => relay.destroy());
    relay.on('error', () => client.destroy());
  });
  const close = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const s of sockets) s.destroy();
    await closed;
  };
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as { port: number }).port, close };
}

// The mount points under a folder, deepest first.
function mountsUnder(dir: string): string[] {
  const points = readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1] ?? '');
  return points.filter((p) => p === dir || p.startsWith(`${dir}/`)).sort().reverse();
}

// The processes that belong to a second dockerd's folder: by command line (containerd, shims) or root (containers).
function processesOf(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const root = readlinkSync(`/proc/${pid}/root`);
      if (cmdline.includes(dir) || root.startsWith(`${dir}/`)) pids.push(pid);
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return pids;
}

export { freePort } from '../helpers/ports.js';
