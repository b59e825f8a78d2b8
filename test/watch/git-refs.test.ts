import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffRefs, GitRefWatcher, readRefsSync, type GitRefEvents } from '../../src/watch/git-refs.js';
import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@e', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@e', GIT_CONFIG_NOSYSTEM: '1' };

describe('GitRefWatcher', () => {
  let dir: string;
  let watcher: GitRefWatcher | undefined;
  const events: GitRefEvents['refs:changed'][] = [];
  const git = async (...args: string[]) => (await run('git', args, { cwd: dir, env: ENV })).stdout.trim();
  const commit = async (name: string) => {
    writeFileSync(join(dir, name), name);
    await git('add', name);
    await git('commit', '--quiet', '-m', name);
    return git('rev-parse', 'HEAD');
  };
  const watch = async () => {
    watcher = new GitRefWatcher(join(dir, '.git'));
    watcher.on('refs:changed', (e) => events.push(e));
    await watcher.whenReady();
    return watcher;
  };
  /** Waits until the watcher has emitted `count` events in all. */
  const untilEvents = (count: number) => waitFor(() => events.length >= count, { description: `${count} refs:changed event(s)` });
  /**
   * Creates a marker branch and waits for its event: the watcher has then read every change made before it.
   * Returns the events before the marker's, which must not hold the marker (else it came in one read with them).
   */
  const eventsBeforeMarker = async () => {
    await git('branch', 'zz-marker');
    await waitFor(() => events.some((e) => e.changes.some((c) => c.ref === 'refs/heads/zz-marker')), { description: 'the marker branch' });
    expect(events.at(-1)!.changes.map((c) => c.ref)).toContain('refs/heads/zz-marker');
    return events.slice(0, -1);
  };

  beforeEach(async () => {
    events.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'cpl-refs-'));
    await git('init', '--quiet', '--initial-branch=main');
  });
  afterEach(async () => {
    await watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a commit moves a branch', () => {
    it('emits the branch with its old and new heads', async () => {
      const first = await commit('a');
      await watch();
      const second = await commit('b');
      await untilEvents(1);
      expect(await eventsBeforeMarker()).toHaveLength(1);
      expect(events[0].changes).toEqual([{ ref: 'refs/heads/main', before: first, after: second }]);
      expect(events[0].refs.get('refs/heads/main')).toBe(second);
    });

    it('emits once for several quick updates, with the last head', async () => {
      const head = await commit('a');
      await watch();
      // One transaction writes the three refs one after the other, as a push of several refs does.
      const child = execFile('git', ['update-ref', '--stdin'], { cwd: dir, env: ENV });
      child.stdin!.end(`create refs/heads/x ${head}\ncreate refs/heads/y ${head}\ncreate refs/tags/v1 ${head}\n`);
      await new Promise((resolve) => child.on('close', resolve));
      await untilEvents(1);
      expect(await eventsBeforeMarker()).toHaveLength(1);
      expect(events[0].changes.map((c) => c.ref)).toEqual(['refs/heads/x', 'refs/heads/y', 'refs/tags/v1']);
    });
  });

  describe('when refs are packed', () => {
    it('reads packed refs and reports nothing when only their storage changed', async () => {
      const head = await commit('a');
      await git('tag', '-a', 'v1', '-m', 'annotated');
      await watch();
      await git('pack-refs', '--all');
      // Whether or not the marker's read takes the packing with it, a spurious change would show in it or before it.
      expect(await eventsBeforeMarker()).toEqual([]);
      expect(events.flatMap((e) => e.changes)).toEqual([{ ref: 'refs/heads/zz-marker', after: head }]);
      expect(readRefsSync(join(dir, '.git')).get('refs/heads/main')).toBe(head);
      expect(readRefsSync(join(dir, '.git')).has('refs/tags/v1')).toBe(true);
    });

    it('notices a branch moved by rewriting packed-refs', async () => {
      const first = await commit('a');
      const second = await commit('b');
      await git('pack-refs', '--all');
      await git('update-ref', 'refs/heads/main', first);
      await git('pack-refs', '--all');
      await watch();
      // What a server-side tool writing packed-refs directly does: one rename of packed-refs.
      writeFileSync(join(dir, '.git', 'packed-refs.new'), `# pack-refs with: peeled fully-peeled sorted \n${second} refs/heads/main\n`);
      await run('mv', [join(dir, '.git', 'packed-refs.new'), join(dir, '.git', 'packed-refs')]);
      await untilEvents(1);
      expect((await eventsBeforeMarker()).flatMap((e) => e.changes)).toEqual([{ ref: 'refs/heads/main', before: first, after: second }]);
    });
  });

  describe('when a branch has a folder-like name or is deleted', () => {
    it('follows refs in new subfolders and reports deletions', async () => {
      await commit('a');
      await watch();
      await git('branch', 'feature/deep/x');
      await untilEvents(1);
      await git('branch', '-D', 'feature/deep/x');
      await untilEvents(2);
      expect((await eventsBeforeMarker()).map((e) => e.changes[0])).toEqual([
        { ref: 'refs/heads/feature/deep/x', after: expect.any(String) },
        { ref: 'refs/heads/feature/deep/x', before: expect.any(String) },
      ]);
    });
  });

  it('ignores everything outside refs/heads, refs/tags and packed-refs', async () => {
    await commit('a');
    await watch();
    mkdirSync(join(dir, '.git', 'refs', 'notes'), { recursive: true });
    await git('notes', 'add', '-m', 'note');
    writeFileSync(join(dir, '.git', 'FETCH_HEAD'), '');
    expect(await eventsBeforeMarker()).toEqual([]);
    expect(events.flatMap((e) => e.changes.map((c) => c.ref))).toEqual(['refs/heads/zz-marker']);
  });
});

describe('diffRefs', () => {
  it('lists new, moved and deleted refs in name order', () => {
    const before = new Map([['refs/heads/a', '1'], ['refs/heads/b', '2']]);
    const after = new Map([['refs/heads/b', '3'], ['refs/heads/c', '4']]);
    expect(diffRefs(before, after)).toEqual([
      { ref: 'refs/heads/a', before: '1' },
      { ref: 'refs/heads/b', before: '2', after: '3' },
      { ref: 'refs/heads/c', after: '4' },
    ]);
  });
});
