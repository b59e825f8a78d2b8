import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
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

  it('looks at each watched S3 object again now and then, so an upload its file watcher missed is still reported, once', async () => {
    const s3Dir = join(dir, 's3');
    const file = join(s3Dir, 'late-bucket', 'drop', 'app.zip');
    const reports: string[] = [];
    const pool = new WatcherPool(s3Dir, { refsChanged: () => undefined, fileChanged: (keys, f) => void reports.push(`${keys.join()} ${f}`) }, silentLogger(), 20, 100);
    pool.watchFile('k', file);
    await pool.whenReady();
    await waitFor(() => reports.length, { description: 'the first look at the object' }, (n) => n === 1);
    // The file watcher goes deaf, as one that missed the folders made and filled before it watched them.
    const entry = (pool as unknown as { files: Map<string, { watcher: { watcher: { close(): Promise<void> } } }> }).files.get(file)!;
    await entry.watcher.watcher.close();
    mkdirSync(join(s3Dir, 'late-bucket', 'drop'), { recursive: true });
    writeFileSync(file, 'zip');
    await waitFor(() => reports.length, { description: 'the upload reported' }, (n) => n >= 2);
    unlinkSync(file);
    await waitFor(() => reports.length, { description: 'the removal reported' }, (n) => n >= 3);
    await pool.close();
    expect(reports).toEqual([`k ${file}`, `k ${file}`, `k ${file}`]);
  });
});
