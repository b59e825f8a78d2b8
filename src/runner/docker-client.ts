import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';

const require = createRequire(import.meta.url);

/** Unix socket of a local Docker engine, used when no DOCKER_HOST is configured. */
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * Creates a Dockerode client for a socket path or a DOCKER_HOST-style URL (`unix://`, `tcp://`, `http(s)://`).
 *
 * The value is a parameter rather than read from the environment because only src/config.ts reads configuration.
 */
export function createDockerClient(host: string = DEFAULT_DOCKER_SOCKET): Dockerode {
  const options = dockerConnectionOptions(host);
  let client: Dockerode | undefined;
  // dockerode and its modules (HTTP, SSH, streams) cost about as much memory and start-up time as the rest of the
  // server: they are required on first use, so a server that has not run a container yet never loads them.
  const real = () => (client ??= new (require('dockerode') as typeof Dockerode)(options));
  return new Proxy({} as Dockerode, {
    get(_target, key) {
      const value = Reflect.get(real(), key);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
  });
}

/** Translates a socket path or DOCKER_HOST-style URL into Dockerode connection options. */
export function dockerConnectionOptions(host: string): Dockerode.DockerOptions {
  const value = host.trim() === '' ? DEFAULT_DOCKER_SOCKET : host.trim();
  if (value.startsWith('unix://')) return { socketPath: value.slice('unix://'.length) };
  if (!/^[a-z]+:\/\//i.test(value)) return { socketPath: value };
  const url = new URL(value);
  // DOCKER_HOST says tcp:// for plain HTTP; Dockerode only knows http and https.
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  if (!['tcp:', 'http:', 'https:'].includes(url.protocol)) {
    throw new Error(`Unsupported Docker host "${host}": use a socket path, unix://, tcp:// or http(s)://`);
  }
  const defaultPort = protocol === 'https' ? 2376 : 2375;
  return { protocol, host: url.hostname, port: url.port === '' ? defaultPort : Number(url.port) };
}
