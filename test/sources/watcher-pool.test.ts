import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/index.js';
import { WatcherPool } from '../../src/sources/watcher-pool.js';
import type { RefChange } from '../../src/watch/index.js';
import { waitFor } from '../helpers/wait.js';

describe('the watcher pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-watcher-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the refs again now and then, so a change its file watcher missed still starts detection', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
    git('init', '--quiet', '--initial-branch=main');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'a');
    const head = git('rev-parse', 'HEAD');
    const seen: RefChange[][] = [];
    const pool = new WatcherPool(dir, { refsChanged: (_keys, _gitDir, _refs, changes) => void seen.push(changes), fileChanged: () => undefined }, silentLogger(), 20, 100);
    const gitDir = join(dir, '.git');
    pool.watchRepository('k', gitDir);
    await pool.whenReady();
    // The file watcher goes deaf, as one whose events were dropped: only the periodic read can see the new branch.
    const entry = (pool as unknown as { git: Map<string, { watcher: { watcher: { close(): Promise<void> } } }> }).git.get(gitDir)!;
    await entry.watcher.watcher.close();
    writeFileSync(join(gitDir, 'refs', 'heads', 'release'), `${head}\n`);
    await waitFor(() => seen, { description: 'the new branch reported' }, (s) => s.some((changes) => changes.some((c) => c.ref === 'refs/heads/release' && c.after === head)));
    await pool.close();
    expect(seen.flat().filter((c) => c.ref === 'refs/heads/release')).toHaveLength(1);
  });
});
