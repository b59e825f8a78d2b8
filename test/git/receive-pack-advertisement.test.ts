import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBareRepository, ReceivePackAdvertiser, runHttpBackend, SmartHttpPath } from '../../src/git/index.js';
import { commitFile, git, initCheckout, tempDir } from '../helpers/git.js';

/** The ref advertisement `git http-backend` itself writes for a push (protocol v0). */
async function gitAdvertisement(gitDir: string): Promise<Buffer> {
  const response = await runHttpBackend({
    gitDir,
    method: 'GET',
    pathInfo: SmartHttpPath.InfoRefs,
    queryString: 'service=git-receive-pack',
    headers: {},
    remoteUser: 'test',
    remoteAddr: '127.0.0.1',
  });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('ReceivePackAdvertiser', () => {
  const dir = tempDir();
  const bare = join(dir, 'repo.git');
  const work = join(dir, 'work');

  beforeAll(async () => {
    await initBareRepository(bare);
    await initCheckout(work);
  });

  describe('when git has not answered for the repository yet', () => {
    it('leaves the answer to git', async () => {
      expect(await new ReceivePackAdvertiser().advertise(bare)).toBeUndefined();
    });
  });

  describe('when it learned from git', () => {
    const advertiser = new ReceivePackAdvertiser();

    it('writes the empty repository advertisement byte for byte as git does', async () => {
      const fromGit = await gitAdvertisement(bare);
      await advertiser.learn(bare, fromGit);
      expect((await advertiser.advertise(bare))?.toString('latin1')).toBe(fromGit.toString('latin1'));
    });

    it('follows branches, annotated tags, packed and loose refs and deletions as git lists them', async () => {
      await git(work, 'push', '--quiet', bare, 'main', 'main:refs/heads/feature/a', 'main:refs/heads/Z-upper');
      await git(work, 'tag', '-a', '-m', 'release', 'v1');
      await git(work, 'push', '--quiet', bare, 'v1');
      await git(bare, 'pack-refs', '--all');
      await commitFile(work, 'next.txt', 'next\n', 'Next');
      await git(work, 'push', '--quiet', bare, 'main', 'main:refs/heads/feature/b', ':refs/heads/Z-upper');
      const fromGit = await gitAdvertisement(bare);
      expect(fromGit.toString()).toContain('refs/tags/v1');
      expect((await advertiser.advertise(bare))?.toString('latin1')).toBe(fromGit.toString('latin1'));
    });

    it('leaves the answer to git again once the repository configuration changed', async () => {
      await git(bare, 'config', 'receive.advertisePushOptions', 'true');
      expect(await advertiser.advertise(bare)).toBeUndefined();
    });
  });

  describe('when the configuration hides refs', () => {
    it('does not learn, so git keeps answering', async () => {
      appendFileSync(join(bare, 'config'), '[receive]\n\thideRefs = refs/tags\n');
      const advertiser = new ReceivePackAdvertiser();
      await advertiser.learn(bare, await gitAdvertisement(bare));
      expect(await advertiser.advertise(bare)).toBeUndefined();
    });
  });
});
