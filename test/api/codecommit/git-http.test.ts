import { CodeCommitClient, CreateRepositoryCommand, GetBranchCommand, GetRepositoryCommand } from '@aws-sdk/client-codecommit';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bareRepositoryPath, gitRoot, runHttpBackend, SmartHttpPath } from '../../../src/git/index.js';
import { TEST_ACCOUNT, useTestEmulator } from '../../helpers/emulator.js';
import { commitFile, git, gitResult, initCheckout, tempDir } from '../../helpers/git.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { waitFor } from '../../helpers/wait.js';

/** Sends a request with the path exactly as given (fetch would normalise `..` away). */
function rawGet(base: string, path: string, agent?: Agent): Promise<{ status: number; type?: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', agent }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('latin1')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The receive-pack processes serving a repository (git http-backend runs them in the repository's folder). */
function receivePacksIn(gitDir: string): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === gitDir && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('receive-pack');
      } catch {
        return false; // it ended while being looked at
      }
    });
}

/** What `git http-backend` itself answers for a push's ref advertisement of a repository. */
async function advertisedByGit(gitDir: string): Promise<string> {
  const response = await runHttpBackend({ gitDir, method: 'GET', pathInfo: SmartHttpPath.InfoRefs, queryString: 'service=git-receive-pack', headers: {}, remoteUser: 'test', remoteAddr: '127.0.0.1' });
  let body = '';
  for await (const chunk of response.body) body += (chunk as Buffer).toString('latin1');
  return body;
}

describe('git smart HTTP', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const otherScope = () => emulator.env.client(CodeCommitClient, 'eu-west-1', '111122223333');
  const work = tempDir();
  const name = uniqueName('http');
  let cloneUrl = '';

  beforeAll(async () => {
    cloneUrl = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName: name }))).repositoryMetadata!.cloneUrlHttp!;
  });

  describe('when a repository is cloned, committed to and pushed with plain git', () => {
    it('clones the empty repository, accepts the push, and serves the pushed tree to a new clone', async () => {
      const cloned = await git(work, 'clone', cloneUrl, 'first');
      expect(cloned.stderr).toContain('empty repository');
      const first = join(work, 'first');
      const commitId = await commitFile(first, 'app/index.html', '<h1>hi</h1>\n', 'Add the page');
      await git(first, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
      expect((await emulator.client.send(new GetBranchCommand({ repositoryName: name, branchName: 'main' }))).branch?.commitId).toBe(commitId);
      await git(work, 'clone', '--quiet', cloneUrl, 'second');
      expect(readFileSync(join(work, 'second', 'app', 'index.html'), 'utf8')).toBe('<h1>hi</h1>\n');
      expect((await git(join(work, 'second'), 'rev-parse', 'HEAD')).stdout.trim()).toBe(commitId);
      expect((await git(join(work, 'second'), 'symbolic-ref', '--short', 'HEAD')).stdout.trim()).toBe('main');
    });

    it('streams a push larger than the API body limit (16 MiB) to git', async () => {
      const clone = join(work, 'second');
      writeFileSync(join(clone, 'blob.bin'), randomBytes(20 * 1024 * 1024));
      await git(clone, 'add', 'blob.bin');
      await git(clone, 'commit', '--quiet', '-m', 'A large file');
      await git(clone, 'push', '--quiet', 'origin', 'main');
      const head = (await git(clone, 'rev-parse', 'HEAD')).stdout.trim();
      expect((await emulator.client.send(new GetBranchCommand({ repositoryName: name, branchName: 'main' }))).branch?.commitId).toBe(head);
    });

    it('serves the other-scope URL form for a repository of another account and region', async () => {
      const other = uniqueName('scoped');
      const url = (await otherScope().send(new CreateRepositoryCommand({ repositoryName: other }))).repositoryMetadata!.cloneUrlHttp!;
      expect(url).toBe(`${emulator.env.url}/v1/repos/111122223333/eu-west-1/${other}`);
      await git(join(work, 'second'), 'push', '--quiet', url, 'main');
      await git(work, 'clone', '--quiet', url, 'scoped');
      expect(existsSync(join(work, 'scoped', 'blob.bin'))).toBe(true);
      const wrongScope = await gitResult(work, 'ls-remote', `${emulator.env.url}/v1/repos/${other}`);
      expect(wrongScope.code).not.toBe(0);
      expect(wrongScope.stderr).toMatch(/not found/);
    });

    it('accepts the repository name with a .git suffix, as clients sometimes add it', async () => {
      expect((await git(work, 'ls-remote', `${cloneUrl}.git`)).stdout).toContain('refs/heads/main');
    });
  });

  describe('when the first push brings several branches', () => {
    it.each([
      [['feature', 'main'], 'main'],
      [['develop', 'topic'], 'develop'],
    ])('of %j, makes %s the default branch and checks it out in clones', async (branches, expected) => {
      const repositoryName = uniqueName('default');
      const url = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
      const local = join(work, `local-${repositoryName}`);
      await initCheckout(local);
      await git(local, 'push', '--quiet', url, ...branches.map((b) => `HEAD:refs/heads/${b}`));
      expect((await emulator.client.send(new GetRepositoryCommand({ repositoryName }))).repositoryMetadata!.defaultBranch).toBe(expected);
      await git(work, 'clone', '--quiet', url, repositoryName);
      expect((await git(join(work, repositoryName), 'symbolic-ref', '--short', 'HEAD')).stdout.trim()).toBe(expected);
    });
  });

  describe('when pushes follow one another', () => {
    const repositoryName = uniqueName('pushes');
    const gitDir = () => bareRepositoryPath(gitRoot(emulator.env.dataDir), TEST_ACCOUNT, 'us-east-1', repositoryName);
    const local = join(work, `local-${repositoryName}`);
    let url = '';

    beforeAll(async () => {
      url = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
      await initCheckout(local);
      // Every push keeps its pack, and more than one pack is reason enough for `gc --auto` to repack.
      await git(gitDir(), 'config', 'receive.unpackLimit', '1');
      await git(gitDir(), 'config', 'gc.autoPackLimit', '1');
    });

    it('advertises the refs for the next push byte for byte as git http-backend does', async () => {
      await git(local, 'push', '--quiet', url, 'main', 'main:refs/heads/feature');
      await commitFile(local, 'next.txt', 'next\n', 'Next');
      await git(local, 'push', '--quiet', url, 'main', ':refs/heads/feature');
      const res = await rawGet(emulator.env.url, `/v1/repos/${repositoryName}/info/refs?service=git-receive-pack`);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/x-git-receive-pack-advertisement');
      expect(res.body).toBe(await advertisedByGit(gitDir()));
      expect(res.body).not.toContain('refs/heads/feature');
    });

    it.skipIf(process.platform !== 'linux')('starts receive-pack once a push asked for the refs, and ends it unused when the connection closes', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        expect((await rawGet(emulator.env.url, `/v1/repos/${repositoryName}/info/refs?service=git-receive-pack`, agent)).status).toBe(200);
        await waitFor(() => receivePacksIn(gitDir()).length === 1, { description: 'receive-pack waiting for the pack' });
      } finally {
        agent.destroy();
      }
      await waitFor(() => receivePacksIn(gitDir()).length === 0, { description: 'no receive-pack left' });
      await commitFile(local, 'after.txt', 'after\n', 'After');
      await git(local, 'push', '--quiet', url, 'main');
      expect((await emulator.client.send(new GetBranchCommand({ repositoryName, branchName: 'main' }))).branch?.commitId).toBe((await git(local, 'rev-parse', 'HEAD')).stdout.trim());
      await waitFor(() => receivePacksIn(gitDir()).length === 0, { description: 'no receive-pack left after the push' });
    });

    it('repacks the repository after pushes, as the gc --auto of receive-pack would', async () => {
      for (const file of ['more.txt', 'again.txt']) {
        await commitFile(local, file, `${file}\n`, file);
        await git(local, 'push', '--quiet', url, 'main');
      }
      const packs = () => readdirSync(join(gitDir(), 'objects', 'pack')).filter((f) => f.endsWith('.pack'));
      await waitFor(() => packs().length === 1, { description: 'one pack after gc --auto' });
    });
  });

  describe('when the repository is not one the emulator knows', () => {
    it('answers 404, which git reports as not found', async () => {
      const out = await gitResult(work, 'clone', `${emulator.env.url}/v1/repos/not-there`, 'nothing');
      expect(out.code).not.toBe(0);
      expect(out.stderr).toMatch(/repository '.*not-there\/' not found/);
    });
  });

  describe('when the path tries to leave the repository or inject options', () => {
    const service = '?service=git-upload-pack';
    it.each([
      `/v1/repos/../../../etc/info/refs${service}`,
      `/v1/repos/%2e%2e/%2e%2e/info/refs${service}`,
      `/v1/repos/..%2f..%2fetc/info/refs${service}`,
      `/v1/repos/REPO%2f..%2f..%2fx/info/refs${service}`,
      `/v1/repos/--upload-pack=touch%20/tmp/pwned/info/refs${service}`,
      `/v1/repos/000000000000/us-east-1/../REPO/info/refs${service}`,
      `/v1/repos/000000000000/../us-east-1/REPO/info/refs${service}`,
      '/v1/repos/REPO/info/refs?service=--upload-pack=touch',
      '/v1/repos/REPO/info/refs',
      '/v1/repos/REPO/HEAD',
      '/v1/repos/REPO/config',
      '/v1/repos/REPO/objects/info/packs',
      '/v1/repos/REPO/git-upload-pack',
    ])('refuses %s with 404', async (template) => {
      const res = await rawGet(emulator.env.url, template.replaceAll('REPO', name));
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('refs/heads');
      expect(existsSync('/tmp/pwned')).toBe(false);
    });

    it('serves the same repository through the plain path', async () => {
      const res = await rawGet(emulator.env.url, `/v1/repos/${name}/info/refs${service}`);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/x-git-upload-pack-advertisement');
      expect(res.body).toContain('refs/heads/main');
    });
  });
});
