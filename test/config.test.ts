import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';

describe('readConfig', () => {
  it('converts numbers given as text and applies defaults', () => {
    const config = readConfig({ port: '4700', buildMaxCpus: '1.5' }, {}, false);
    expect(config).toMatchObject({ port: 4700, buildMaxCpus: 1.5, host: '127.0.0.1', region: 'us-east-1', logLevel: 'info', buildPidsLimit: 4096 });
  });

  it.each([
    [{ port: 'eighty' }, 'port (--port or CODEPIPELINE_LOCAL_PORT): Invalid input: expected number, received NaN'],
    [{ port: '70000' }, 'port (--port or CODEPIPELINE_LOCAL_PORT): Too big: expected number to be <=65535'],
    [{ buildPidsLimit: '7.5' }, 'buildPidsLimit (--build-pids-limit or CODEPIPELINE_LOCAL_BUILD_PIDS_LIMIT): Invalid input: expected int, received number'],
    [{ instanceMemoryMb: '5' }, "instanceMemoryMb (--instance-memory-mb or CODEPIPELINE_LOCAL_INSTANCE_MEMORY_MB): must be at least 6 (MB, Docker's smallest memory limit)"],
    [{ buildMaxCpus: '0' }, 'buildMaxCpus (--build-max-cpus or CODEPIPELINE_LOCAL_BUILD_MAX_CPUS): Too small: expected number to be >0'],
    [{ logLevel: 'loud' }, 'logLevel (--log-level or CODEPIPELINE_LOCAL_LOG_LEVEL): Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"'],
    [{ repositories: 'bad name=/tmp/x' }, 'repositories (--repositories or CODEPIPELINE_LOCAL_REPOS): repository names are letters, digits, . _ and -'],
    [{ executor: 'kubernetes' }, 'executor (--executor or CODEPIPELINE_LOCAL_EXECUTOR): Invalid option: expected one of "local"|"docker-host"|"swarm"'],
    [{ executor: 'swarm', swarmHost: '10.0.0.5:2377' }, 'swarmHost (--swarm-host or CODEPIPELINE_LOCAL_SWARM_HOST): the swarm host is a tcp://HOST:PORT or unix:///PATH URL, or a socket path'],
    [{ executor: 'docker-host' }, 'dockerHosts (--docker-hosts or CODEPIPELINE_LOCAL_DOCKER_HOSTS): the docker-host executor needs at least one engine, e.g. tcp://10.0.0.5:2375'],
    [{ executor: 'docker-host', dockerHosts: 'tcp://a:2375,10.0.0.5:2375' }, 'dockerHosts (--docker-hosts or CODEPIPELINE_LOCAL_DOCKER_HOSTS): Docker hosts are tcp://HOST:PORT or unix:///PATH URLs'],
    [{ advertiseUrl: 'https://10.0.0.4:4599' }, 'advertiseUrl (--advertise-url or CODEPIPELINE_LOCAL_ADVERTISE_URL): the advertised URL is http://HOST:PORT, the emulator as containers on other engines reach it'],
    [{ advertiseUrl: 'http://10.0.0.4:4599/api' }, 'advertiseUrl (--advertise-url or CODEPIPELINE_LOCAL_ADVERTISE_URL): the advertised URL is http://HOST:PORT, the emulator as containers on other engines reach it'],
    [{ allowedHosts: 'ok.example, not ok' }, 'allowedHosts (--allowed-hosts or CODEPIPELINE_LOCAL_ALLOWED_HOSTS): host names are letters, digits, . _ and -, or [IPv6]'],
  ])('rejects %j naming the option, its variable and the problem', (flags, problem) => {
    expect(() => readConfig(flags, {}, false)).toThrow(`Invalid configuration: ${problem}`);
  });

  it('runs builds on the local engine by default and on the --docker-hosts engines with --executor docker-host', () => {
    expect(readConfig({}, {}, false)).toMatchObject({ executor: 'local', dockerHosts: [] });
    expect(readConfig({}, { CODEPIPELINE_LOCAL_EXECUTOR: 'docker-host', CODEPIPELINE_LOCAL_DOCKER_HOSTS: 'tcp://10.0.0.5:2375, unix:///run/other.sock' }, false))
      .toMatchObject({ executor: 'docker-host', dockerHosts: ['tcp://10.0.0.5:2375', 'unix:///run/other.sock'] });
  });

  it('reads the TLS of tcp:// engines as the docker CLI does: DOCKER_TLS_VERIFY set to anything, DOCKER_CERT_PATH or ~/.docker', () => {
    expect(readConfig({}, {}, false)).toMatchObject({ dockerTlsVerify: false, dockerCertPath: join(homedir(), '.docker') });
    expect(readConfig({}, { DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '' }, false)).toMatchObject({ dockerTlsVerify: false, dockerCertPath: join(homedir(), '.docker') });
    expect(readConfig({}, { DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: '/etc/docker-certs' }, false)).toMatchObject({ dockerTlsVerify: true, dockerCertPath: '/etc/docker-certs' });
    expect(readConfig({ dockerTlsVerify: 'true', dockerCertPath: 'certs' }, { DOCKER_CERT_PATH: '/etc/docker-certs' }, false)).toMatchObject({ dockerTlsVerify: true, dockerCertPath: resolve('certs') });
  });

  it('runs builds on a swarm with --executor swarm, its manager --swarm-host or DOCKER_HOST when not given', () => {
    expect(readConfig({ executor: 'swarm' }, {}, false)).toMatchObject({ executor: 'swarm', swarmHost: undefined });
    expect(readConfig({ executor: 'swarm' }, { CODEPIPELINE_LOCAL_SWARM_HOST: 'tcp://10.0.0.5:2375' }, false)).toMatchObject({ executor: 'swarm', swarmHost: 'tcp://10.0.0.5:2375' });
  });

  it('reads the URL containers on other engines reach the emulator at, --advertise-url, without its trailing slash', () => {
    expect(readConfig({}, {}, false).advertiseUrl).toBeUndefined();
    expect(readConfig({}, { CODEPIPELINE_LOCAL_ADVERTISE_URL: 'http://ci.example:4599/' }, false).advertiseUrl).toBe('http://ci.example:4599');
    expect(readConfig({ advertiseUrl: 'http://10.0.0.4:4599' }, { CODEPIPELINE_LOCAL_ADVERTISE_URL: 'http://ci.example:4599' }, false).advertiseUrl).toBe('http://10.0.0.4:4599');
  });

  it('lists every bad setting, flags winning over the environment', () => {
    expect(() => readConfig({ account: '12' }, { CODEPIPELINE_LOCAL_REGION: 'EU', CODEPIPELINE_LOCAL_ACCOUNT_ID: '000000000000' }, false))
      .toThrow('Invalid configuration: region (--region or CODEPIPELINE_LOCAL_REGION): must look like us-east-1; account (--account or CODEPIPELINE_LOCAL_ACCOUNT_ID): must be 12 digits');
  });
});
