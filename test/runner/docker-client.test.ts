import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDockerClient, dockerConnectionOptions } from '../../src/runner/index.js';

describe('Docker connection options', () => {
  const empty = mkdtempSync(join(tmpdir(), 'cpl-no-certs-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  const tls = { ca: Buffer.from('ca'), cert: Buffer.from('cert'), key: Buffer.from('key') };

  it('speaks plain HTTP to tcp:// without TLS files, and HTTPS with them, on the docker CLI\'s default ports', () => {
    expect(dockerConnectionOptions('tcp://10.0.0.5')).toEqual({ protocol: 'http', host: '10.0.0.5', port: 2375 });
    expect(dockerConnectionOptions('tcp://10.0.0.5', tls)).toEqual({ protocol: 'https', host: '10.0.0.5', port: 2376, ...tls });
    expect(dockerConnectionOptions('tcp://10.0.0.5:9999', tls)).toEqual({ protocol: 'https', host: '10.0.0.5', port: 9999, ...tls });
    expect(dockerConnectionOptions('http://10.0.0.5:2375', tls)).toEqual({ protocol: 'http', host: '10.0.0.5', port: 2375 });
    expect(dockerConnectionOptions('unix:///run/other.sock', tls)).toEqual({ socketPath: '/run/other.sock' });
  });

  it('reads the certificate files only for tcp:// engines with TLS on, and names a file it cannot read', () => {
    const settings = { dockerTlsVerify: true, dockerCertPath: empty };
    expect(() => createDockerClient('unix:///run/other.sock', settings)).not.toThrow();
    expect(() => createDockerClient('tcp://10.0.0.5:2376', { ...settings, dockerTlsVerify: false })).not.toThrow();
    expect(() => createDockerClient('tcp://10.0.0.5:2376', settings)).toThrow(`Cannot read the Docker TLS file ${join(empty, 'ca.pem')}`);
    writeFileSync(join(empty, 'ca.pem'), 'not a certificate');
    expect(() => createDockerClient('tcp://10.0.0.5:2376', settings)).toThrow(`Cannot read the Docker TLS file ${join(empty, 'cert.pem')}`);
    writeFileSync(join(empty, 'cert.pem'), 'not a certificate');
    writeFileSync(join(empty, 'key.pem'), 'not a key');
    expect(() => createDockerClient('tcp://10.0.0.5:2376', settings)).toThrow(/^The Docker TLS files .*ca\.pem, .*cert\.pem, .*key\.pem do not make a TLS client: /);
  });

  it('follows its options, not DOCKER_* variables of the environment (a DOCKER_CERT_PATH without certificates made the first call throw)', async () => {
    const saved = { host: process.env.DOCKER_HOST, certs: process.env.DOCKER_CERT_PATH };
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    process.env.DOCKER_CERT_PATH = empty;
    try {
      const client = createDockerClient('unix:///var/run/docker.sock');
      expect(String(await client.ping())).toBe('OK');
      expect(process.env.DOCKER_CERT_PATH).toBe(empty);
    } finally {
      for (const [name, value] of [['DOCKER_HOST', saved.host], ['DOCKER_CERT_PATH', saved.certs]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
