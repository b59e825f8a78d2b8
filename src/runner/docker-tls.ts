import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';

/** The TLS settings of Docker engines as the docker CLI has them (`--tlsverify`, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
export interface DockerTlsConfig {
  /** TLS to tcp:// engines, verifying their certificate against ca.pem and presenting cert.pem. */
  dockerTlsVerify: boolean;
  /** The folder of ca.pem, cert.pem and key.pem. */
  dockerCertPath: string;
}

/** The certificate files of a TLS connection to a Docker engine, read. */
export interface DockerTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

// The file names the docker CLI reads from DOCKER_CERT_PATH.
const FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const;

/**
 * Reads ca.pem, cert.pem and key.pem from a DOCKER_CERT_PATH folder and checks that they make a TLS client, so a
 * missing or broken file stops the start with its name rather than failing each build later. All three are required,
 * where the docker CLI skips a missing client certificate: an engine run with `--tlsverify` refuses a client without one.
 */
export function readDockerTls(certPath: string): DockerTls {
  const read = (name: string): Buffer => {
    const path = join(certPath, name);
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`Cannot read the Docker TLS file ${path} (DOCKER_CERT_PATH holds ca.pem, cert.pem and key.pem): ${(error as Error).message}`, { cause: error });
    }
  };
  const tls = { ca: read(FILES.ca), cert: read(FILES.cert), key: read(FILES.key) };
  try {
    createSecureContext(tls);
  } catch (error) {
    const files = Object.values(FILES).map((f) => join(certPath, f)).join(', ');
    throw new Error(`The Docker TLS files ${files} do not make a TLS client: ${(error as Error).message}`, { cause: error });
  }
  return tls;
}

/** The TLS files a connection to `host` uses: read when TLS is on and the host is a tcp:// (or https://) engine. */
export function dockerTlsFor(host: string, config: DockerTlsConfig | undefined): DockerTls | undefined {
  if (!config?.dockerTlsVerify || !/^(tcp|https):\/\//i.test(host.trim())) return undefined;
  return readDockerTls(config.dockerCertPath);
}
