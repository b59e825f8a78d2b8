import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';
import { dockerTlsFor, type DockerTls, type DockerTlsConfig } from './docker-tls.js';

const require = createRequire(import.meta.url);

/** Unix socket of a local Docker engine, used when no DOCKER_HOST is configured. */
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * Creates a Dockerode client for a socket path or a DOCKER_HOST-style URL (`unix://`, `tcp://`, `http(s)://`); with
 * `tls.dockerTlsVerify`, a tcp:// engine is reached over TLS with the certificates of `tls.dockerCertPath`, read now.
 *
 * The values are parameters rather than read from the environment because only src/config.ts reads configuration.
 */
export function createDockerClient(host: string = DEFAULT_DOCKER_SOCKET, tls?: DockerTlsConfig): Dockerode {
  const options = dockerConnectionOptions(host, dockerTlsFor(host, tls));
  let client: Dockerode | undefined;
  // dockerode and its modules (HTTP, SSH, streams) cost about as much memory and start-up time as the rest of the
  // server: they are required on first use, so a server that has not run a container yet never loads them.
  const real = () => (client ??= withoutDockerEnvironment(() => new (require('dockerode') as typeof Dockerode)(options)));
  return new Proxy({} as Dockerode, {
    get(_target, key) {
      const value = Reflect.get(real(), key);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
  });
}

// The variables docker-modem reads by itself whatever options it is given: DOCKER_CERT_PATH naming a folder without
// certificates (as ~/.docker usually is) made the first Docker call throw, though the options said a unix socket.
const DOCKER_ENVIRONMENT = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'];

/** Runs `make` with the Docker variables out of the environment, so a client follows only the options it is given. */
function withoutDockerEnvironment<T>(make: () => T): T {
  const saved = DOCKER_ENVIRONMENT.filter((name) => name in process.env).map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  try {
    return make();
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

/** Translates a socket path or DOCKER_HOST-style URL into Dockerode connection options; tcp:// is HTTPS given TLS files. */
export function dockerConnectionOptions(host: string, tls?: DockerTls): Dockerode.DockerOptions {
  const value = host.trim() === '' ? DEFAULT_DOCKER_SOCKET : host.trim();
  if (value.startsWith('unix://')) return { socketPath: value.slice('unix://'.length) };
  if (!/^[a-z]+:\/\//i.test(value)) return { socketPath: value };
  const url = new URL(value);
  if (!['tcp:', 'http:', 'https:'].includes(url.protocol)) {
    throw new Error(`Unsupported Docker host "${host}": use a socket path, unix://, tcp:// or http(s)://`);
  }
  // DOCKER_HOST says tcp:// for both: plain HTTP, or TLS when DOCKER_TLS_VERIFY is set (as the docker CLI reads it).
  const protocol = url.protocol === 'https:' || (url.protocol === 'tcp:' && tls !== undefined) ? 'https' : 'http';
  const defaultPort = protocol === 'https' ? 2376 : 2375;
  const endpoint = { protocol, host: url.hostname, port: url.port === '' ? defaultPort : Number(url.port) } as const;
  return protocol === 'https' && tls !== undefined ? { ...endpoint, ca: tls.ca, cert: tls.cert, key: tls.key } : endpoint;
}
