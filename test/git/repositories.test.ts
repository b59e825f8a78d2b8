import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bareRepositoryPath, inspectRepository, NotARepositoryError } from '../../src/git/index.js';
import { git, initCheckout } from '../helpers/git.js';

describe('git repositories', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cpl-inspect-')));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('bareRepositoryPath', () => {
    it('places a repository under <root>/<account>/<region>/<name>.git', () => {
      expect(bareRepositoryPath('/data/git', '000000000000', 'us-east-1', 'app')).toBe('/data/git/000000000000/us-east-1/app.git');
    });

    it.each([['..', 'x'], ['a', '../../x'], ['a/b', 'x']])('refuses a region %j and name %j that would leave the root', (region, name) => {
      expect(() => bareRepositoryPath('/data/git', '000000000000', region, name)).toThrow(/outside/);
    });
  });

  describe('inspectRepository', () => {
    it('finds the .git folder and working tree of a checkout', async () => {
      const dir = join(root, 'checkout');
      await initCheckout(dir);
      expect(await inspectRepository(dir)).toEqual({ gitDir: join(dir, '.git'), workTree: dir });
    });

    it('finds a bare repository, which has no working tree', async () => {
      const dir = join(root, 'bare.git');
      await git(root, 'init', '--quiet', '--bare', dir);
      expect(await inspectRepository(dir)).toEqual({ gitDir: dir });
    });

    describe('when the folder is not a repository of its own', () => {
      it('refuses a missing folder', async () => {
        await expect(inspectRepository(join(root, 'missing'))).rejects.toThrow(/does not exist/);
      });

      it('refuses a folder that is not in any repository', async () => {
        const dir = join(root, 'plain');
        mkdirSync(dir);
        await expect(inspectRepository(dir)).rejects.toBeInstanceOf(NotARepositoryError);
      });

      it('refuses a folder inside a working tree, naming its top level', async () => {
        const dir = join(root, 'checkout', 'sub');
        mkdirSync(dir, { recursive: true });
        await expect(inspectRepository(dir)).rejects.toThrow(`inside the git working tree ${join(root, 'checkout')}`);
      });
    });
  });
});
