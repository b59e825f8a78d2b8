import Dockerode from 'dockerode';

/** Unix socket of a local Docker engine, used when no DOCKER_HOST is configured. */
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * Creates a Dockerode client for a socket path or a DOCKER_HOST-style URL (`unix://`, `tcp://`, `http(s)://`).
 *
 * The value is a parameter rather than read from the environment because only src/config.ts reads configuration.
 */
export function createDockerClient(host: string = DEFAULT_DOCKER_SOCKET): Dockerode {
  return new Dockerode(dockerConnectionOptions(host));
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
