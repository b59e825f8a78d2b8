import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { waitFor } from '../helpers/wait.js';

/** A relay from a port inside a network namespace back to a port of the machine: its listener's port there, and close(). */
export interface ReverseRelay {
  portInside: number;
  close(): Promise<void>;
}

// Inside the namespace: 0.0.0.0:port (its loopback and its bridge's gateway, which its containers reach) to a unix
// socket. argv is the port, the socket.
const LISTEN_INSIDE = `const net = require('node:net'); const [port, path] = process.argv.slice(1);
net.createServer({ allowHalfOpen: true }, (c) => { const u = net.connect({ path, allowHalfOpen: true }); c.pipe(u).pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); }).listen(Number(port), '0.0.0.0', () => console.log('listening'));`;

/**
 * Makes 127.0.0.1:targetPort of the machine (the emulator) reachable from inside the network namespace of process
 * `pid` at portInside on every address there: a node relay started in the namespace with `nsenter --net` listens
 * there and copies bytes to `socket` (a file, seen from both namespaces), where this process copies them to the
 * target port. The containers of a dockerd in that namespace reach it at their bridge's gateway.
 */
export async function startReverseRelay(pid: number, socket: string, portInside: number, targetPort: number): Promise<ReverseRelay> {
  const sockets = new Set<Socket>();
  const outside = createServer({ allowHalfOpen: true }, (client) => {
    const target = connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
    for (const s of [client, target]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    }
    client.pipe(target).pipe(client);
    client.on('error', () => target.destroy());
    target.on('error', () => client.destroy());
  });
  if (existsSync(socket)) rmSync(socket);
  outside.listen(socket);
  await once(outside, 'listening');
  const inside = spawn('nsenter', [`--net=/proc/${pid}/ns/net`, process.execPath, '-e', LISTEN_INSIDE, String(portInside), socket], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  inside.stdout?.on('data', (c: Buffer) => (said += c.toString()));
  inside.stderr?.on('data', (c: Buffer) => (said = (said + c.toString()).slice(-2000)));
  const insideExited = new Promise<void>((resolve) => inside.once('exit', () => resolve()));
  const close = async () => {
    if (inside.exitCode === null && inside.signalCode === null) inside.kill('SIGTERM');
    await insideExited;
    const closed = new Promise((resolve) => outside.close(resolve));
    for (const s of sockets) s.destroy();
    await closed;
  };
  try {
    await waitFor(() => said, { description: `the reverse relay listening on port ${portInside} in the namespace of ${pid}`, timeoutMs: 20_000, intervalMs: 100 }, (s) => s.includes('listening') || inside.exitCode !== null);
    if (inside.exitCode !== null) throw new Error(`the reverse relay exited: ${said}`);
  } catch (err) {
    await close();
    throw err;
  }
  return { portInside, close };
}
