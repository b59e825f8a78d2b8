import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);

/** A second Docker engine on a socket of its own, with its own data root and network namespace, beside the machine's. */
export interface SecondDockerd {
  /** Its DOCKER_HOST-style address, unix:///tmp/cpl-dockerd-.../docker.sock. */
  host: string;
  /** Runs the docker CLI against it. */
  docker(...args: string[]): Promise<string>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
  /** Kills it at once, as a host that dies: the daemon, its containerd and shims, and its containers' processes. */
  crash(): Promise<void>;
}

/**
 * Starts `dockerd` in a network namespace of its own (`unshare --net`), listening on a unix socket in a temporary
 * folder that also holds its data, exec root and pidfile, with no bridge and no iptables rules; its containers get no
 * network. In the machine's namespace a second dockerd, even with `--bridge none`, removes the running engine's
 * docker0 bridge, and every container started afterwards fails. Then it loads the given images of the machine's
 * engine into it. With `loopback`, the namespace's `lo` is brought up first, which a swarm of that engine needs.
 */
export async function startSecondDockerd(images: string[], options: { loopback?: boolean } = {}): Promise<SecondDockerd> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-dockerd-'));
  const host = `unix://${join(dir, 'docker.sock')}`;
  const args = ['--host', host, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'dockerd.pid'),
    '--bridge', 'none', '--iptables=false', '--ip-masq=false'];
  let output = '';
  // A swarm (docker swarm init --advertise-addr 127.0.0.1) talks to itself over the namespace's loopback, down at first.
  const command = options.loopback ? ['--net', 'sh', '-c', 'ip link set lo up && exec dockerd "$@"', 'sh', ...args] : ['--net', 'dockerd', ...args];
  const child: ChildProcess = spawn('unshare', command, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const docker = async (...cli: string[]) => (await run('docker', ['-H', host, ...cli], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    // dockerd leaves its data root mounted on itself and its default network namespace mounted: unmounted first.
    for (const mount of mountsUnder(dir)) await run('umount', [mount]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  const crash = async () => {
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
    for (const image of images) await run('sh', ['-c', `docker save ${image} | docker -H ${host} load`]);
  } catch (err) {
    await stop();
    throw new Error(`could not start a second dockerd (dockerd ${args.join(' ')}): ${(err as Error).message}\n${output}`);
  }
  return { host, docker, stop, crash };
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
