import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The certificates of a TLS Docker engine and of its clients, made with openssl in a temporary folder. */
export interface DockerTlsFiles {
  /** The folder holding everything; removed by the caller. */
  dir: string;
  /** The engine's side: dockerd's --tlscacert, --tlscert (for 127.0.0.1 and localhost) and --tlskey. */
  server: { ca: string; cert: string; key: string };
  /** A DOCKER_CERT_PATH that works: the engine's CA, and a client certificate it signed. */
  client: string;
  /** A DOCKER_CERT_PATH whose ca.pem is another CA's: the engine's certificate does not verify. */
  otherCa: string;
  /** A DOCKER_CERT_PATH whose client certificate another CA signed: the engine refuses it. */
  strangerClient: string;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir });
  } catch (error) {
    throw new Error(`openssl ${args.join(' ')} failed (is openssl installed?): ${(error as Error).message}`);
  }
}

// A P-256 key: quicker to make than RSA, and both Go (dockerd) and Node take it.
const newKey = (dir: string, file: string) => openssl(dir, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', file);

async function authority(dir: string, name: string): Promise<void> {
  await newKey(dir, `${name}-key.pem`);
  await openssl(dir, 'req', '-x509', '-new', '-key', `${name}-key.pem`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

let serial = 1;

async function issue(dir: string, ca: string, name: string, extensions: string): Promise<void> {
  await newKey(dir, `${name}-key.pem`);
  await openssl(dir, 'req', '-new', '-key', `${name}-key.pem`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  await openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-set_serial', String(++serial), '-days', '2',
    '-extfile', `${name}.ext`, '-out', `${name}-cert.pem`);
}

function certPath(dir: string, name: string, files: { ca: string; cert: string; key: string }): string {
  const path = join(dir, name);
  mkdirSync(path);
  copyFileSync(join(dir, files.ca), join(path, 'ca.pem'));
  copyFileSync(join(dir, files.cert), join(path, 'cert.pem'));
  copyFileSync(join(dir, files.key), join(path, 'key.pem'));
  return path;
}

/** Makes a CA, the engine's certificate and a client's, and the wrong ones: another CA, and a client it signed. */
export async function makeDockerTlsFiles(): Promise<DockerTlsFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-docker-tls-'));
  await authority(dir, 'engine-ca');
  await authority(dir, 'other-ca');
  await issue(dir, 'engine-ca', 'server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  await issue(dir, 'engine-ca', 'client', 'extendedKeyUsage=clientAuth\n');
  await issue(dir, 'other-ca', 'stranger', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    server: { ca: join(dir, 'engine-ca.pem'), cert: join(dir, 'server-cert.pem'), key: join(dir, 'server-key.pem') },
    client: certPath(dir, 'client', { ca: 'engine-ca.pem', cert: 'client-cert.pem', key: 'client-key.pem' }),
    otherCa: certPath(dir, 'other', { ca: 'other-ca.pem', cert: 'client-cert.pem', key: 'client-key.pem' }),
    strangerClient: certPath(dir, 'stranger', { ca: 'engine-ca.pem', cert: 'stranger-cert.pem', key: 'stranger-key.pem' }),
  };
}
