import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AutoGc } from '../../src/git/index.js';
import { commitFile, git, initCheckout, tempDir } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

const packs = (gitDir: string) => readdirSync(join(gitDir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'));

describe('AutoGc', () => {
  const dir = tempDir();
  const bare = join(dir, 'repo.git');
  const work = join(dir, 'work');

  beforeAll(async () => {
    await initCheckout(work);
    await git(dir, 'init', '--quiet', '--bare', bare);
    // Every push keeps its pack, and more than one pack is reason enough for `gc --auto` to repack.
    await git(bare, 'config', 'receive.unpackLimit', '1');
    await git(bare, 'config', 'receive.autoGc', 'false');
    await git(bare, 'config', 'gc.autoPackLimit', '1');
    await git(work, 'push', '--quiet', bare, 'main');
    await commitFile(work, 'b.txt', 'b\n', 'B');
    await git(work, 'push', '--quiet', bare, 'main');
  });

  describe('when pushes left more packs than gc.autoPackLimit', () => {
    it('repacks the repository once pushes pause, and close waits for the run', async () => {
      expect(packs(bare).length).toBeGreaterThan(1);
      const errors: Error[] = [];
      const gc = new AutoGc((error) => errors.push(error), 0);
      gc.schedule(bare);
      await waitFor(() => packs(bare).length === 1, { description: 'one pack' });
      await gc.close();
      expect(errors).toEqual([]);
    });
  });

  describe('when closed before the pause is over', () => {
    it('runs nothing', async () => {
      await commitFile(work, 'c.txt', 'c\n', 'C');
      await git(work, 'push', '--quiet', bare, 'main');
      const gc = new AutoGc(() => undefined, 60_000);
      gc.schedule(bare);
      await gc.close();
      expect(packs(bare).length).toBe(2);
    });
  });
});
