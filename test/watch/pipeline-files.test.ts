import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPipelineFileName, PipelineFileWatcher } from '../../src/watch/pipeline-files.js';

type Recorded = { event: 'changed'; file: string; text: string } | { event: 'removed'; file: string };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('PipelineFileWatcher', () => {
  let dir: string;
  let watcher: PipelineFileWatcher;
  let events: Recorded[];

  function startWatcher(debounceMs?: number): PipelineFileWatcher {
    watcher = new PipelineFileWatcher(dir, { debounceMs });
    watcher.on('pipeline-file:changed', ({ file, text }) => events.push({ event: 'changed', file, text }));
    watcher.on('pipeline-file:removed', ({ file }) => events.push({ event: 'removed', file }));
    return watcher;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cpl-watch-'));
    events = [];
  });

  afterEach(async () => {
    await watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when files are present at start', () => {
    it('emits them from initialScan in name order, skipping other files, dotfiles and subfolders', async () => {
      writeFileSync(join(dir, 'b.yaml'), 'name: b');
      writeFileSync(join(dir, 'a.json'), '{"name":"a"}');
      writeFileSync(join(dir, 'c.yml'), 'name: c');
      writeFileSync(join(dir, 'notes.txt'), 'not a pipeline');
      writeFileSync(join(dir, '.hidden.json'), '{}');
      mkdirSync(join(dir, 'nested'));
      writeFileSync(join(dir, 'nested', 'd.json'), '{}');
      const files = await startWatcher().initialScan();
      expect(files).toEqual(['a.json', 'b.yaml', 'c.yml'].map((f) => join(dir, f)));
      expect(events).toEqual([
        { event: 'changed', file: join(dir, 'a.json'), text: '{"name":"a"}' },
        { event: 'changed', file: join(dir, 'b.yaml'), text: 'name: b' },
        { event: 'changed', file: join(dir, 'c.yml'), text: 'name: c' },
      ]);
    });
  });

  describe('when a file is created, changed and removed', () => {
    it('emits changed with its text, changed again, then removed', async () => {
      await startWatcher().initialScan();
      const file = join(dir, 'p.json');
      writeFileSync(file, '{"v":1}');
      await until(() => events.length === 1);
      writeFileSync(file, '{"v":2}');
      await until(() => events.length === 2);
      unlinkSync(file);
      await until(() => events.length === 3);
      expect(events).toEqual([
        { event: 'changed', file, text: '{"v":1}' },
        { event: 'changed', file, text: '{"v":2}' },
        { event: 'removed', file },
      ]);
    });

    it('ignores files that are not pipeline files', async () => {
      await startWatcher().initialScan();
      writeFileSync(join(dir, 'readme.md'), '# hi');
      writeFileSync(join(dir, '.p.json.swp'), 'x');
      writeFileSync(join(dir, 'q.yaml'), 'name: q');
      await until(() => events.length === 1);
      await sleep(300);
      expect(events).toEqual([{ event: 'changed', file: join(dir, 'q.yaml'), text: 'name: q' }]);
    });
  });

  describe('when a file is written several times in quick succession', () => {
    it('emits one changed event with the final text', async () => {
      // A longer quiet time than the default keeps the test steady on a busy machine.
      await startWatcher(300).initialScan();
      const file = join(dir, 'p.yaml');
      for (let i = 1; i <= 5; i++) {
        writeFileSync(file, `name: p${i}`);
        await sleep(20);
      }
      await until(() => events.length >= 1);
      await sleep(500);
      expect(events).toEqual([{ event: 'changed', file, text: 'name: p5' }]);
    });
  });

  describe('when an editor saves by writing a temporary file and renaming it', () => {
    it('emits one changed event and no removal', async () => {
      const file = join(dir, 'p.json');
      writeFileSync(file, '{"v":1}');
      await startWatcher().initialScan();
      events = [];
      writeFileSync(join(dir, '.p.json.tmp'), '{"v":2}');
      renameSync(join(dir, '.p.json.tmp'), file);
      await until(() => events.length >= 1);
      await sleep(300);
      expect(events).toEqual([{ event: 'changed', file, text: '{"v":2}' }]);
    });
  });

  describe('when a file comes and goes within the debounce', () => {
    it('emits nothing for it', async () => {
      await startWatcher().initialScan();
      const file = join(dir, 'brief.json');
      writeFileSync(file, '{}');
      unlinkSync(file);
      await sleep(400);
      expect(events).toEqual([]);
    });
  });

  describe('when it is closed', () => {
    it('emits no further events', async () => {
      await startWatcher().initialScan();
      writeFileSync(join(dir, 'late.json'), '{}');
      await watcher.close();
      await sleep(300);
      expect(events).toEqual([]);
    });
  });
});

describe('isPipelineFileName', () => {
  it('accepts json, yaml and yml files and refuses dotfiles and other extensions', () => {
    expect(['a.json', 'b.yaml', 'c.yml', 'D.JSON'].map(isPipelineFileName)).toEqual([true, true, true, true]);
    expect(['.a.json', 'a.txt', 'a.json.bak', 'json'].map(isPipelineFileName)).toEqual([false, false, false, false]);
  });
});
