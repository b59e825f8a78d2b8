import { once } from 'node:events';
import { connect, createServer } from 'node:net';

const HOST = '127.0.0.1';

/** A port of 127.0.0.1 nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** True once something accepts a connection on a port of 127.0.0.1 (or a unix socket's path): cheaper than an HTTP request to poll with. */
export async function accepts(target: number | string): Promise<boolean> {
  const socket = typeof target === 'number' ? connect(target, HOST) : connect(target);
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}
