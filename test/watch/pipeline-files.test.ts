import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPipelineFileName, PipelineFileWatcher } from '../../src/watch/pipeline-files.js';
import { waitFor } from '../helpers/wait.js';

type Recorded = { event: 'changed'; file: string; text: string } | { event: 'removed'; file: string };

const until = (condition: () => boolean) => waitFor(condition, { description: 'the watcher events' });

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

  /**
   * Removes a marker file the watcher reported at its scan and waits for its removal: chokidar holds an unlink back
   * 100 ms and the watcher then debounces it like any change, so every change made before it has been read by then.
   * Returns the events before the marker's removal.
   */
  async function eventsBeforeMarker(): Promise<Recorded[]> {
    const marker = join(dir, 'zz-marker.json');
    unlinkSync(marker);
    await until(() => events.some((e) => e.event === 'removed' && e.file === marker));
    return events.filter((e) => e.file !== marker);
  }

  /** Starts the watcher with a marker file in the folder and scans; the scan's events are forgotten. */
  async function scannedWithMarker(debounceMs?: number): Promise<void> {
    writeFileSync(join(dir, 'zz-marker.json'), '{}');
    await startWatcher(debounceMs).initialScan();
    events = [];
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
      await scannedWithMarker();
      writeFileSync(join(dir, 'readme.md'), '# hi');
      writeFileSync(join(dir, '.p.json.swp'), 'x');
      writeFileSync(join(dir, 'q.yaml'), 'name: q');
      expect(await eventsBeforeMarker()).toEqual([{ event: 'changed', file: join(dir, 'q.yaml'), text: 'name: q' }]);
    });
  });

  describe('when a file is written several times in quick succession', () => {
    it('emits one changed event with the final text', async () => {
      // A longer quiet time than the default keeps the test steady on a busy machine.
      await scannedWithMarker(300);
      const file = join(dir, 'p.yaml');
      for (let i = 1; i <= 5; i++) writeFileSync(file, `name: p${i}`);
      await until(() => events.length >= 1);
      expect(await eventsBeforeMarker()).toEqual([{ event: 'changed', file, text: 'name: p5' }]);
    });
  });

  describe('when an editor saves by writing a temporary file and renaming it', () => {
    it('emits one changed event and no removal', async () => {
      const file = join(dir, 'p.json');
      writeFileSync(file, '{"v":1}');
      await scannedWithMarker();
      writeFileSync(join(dir, '.p.json.tmp'), '{"v":2}');
      renameSync(join(dir, '.p.json.tmp'), file);
      await until(() => events.length >= 1);
      expect(await eventsBeforeMarker()).toEqual([{ event: 'changed', file, text: '{"v":2}' }]);
    });
  });

  describe('when a file comes and goes within the debounce', () => {
    it('emits nothing for it', async () => {
      await scannedWithMarker();
      const file = join(dir, 'brief.json');
      writeFileSync(file, '{}');
      unlinkSync(file);
      expect(await eventsBeforeMarker()).toEqual([]);
    });
  });

  describe('when it is closed', () => {
    it('emits no further events, not even for a change it had already seen', async () => {
      await startWatcher().initialScan();
      // A second watcher on the folder tells when the file system has reported the write: the first has seen it too.
      const witness = new PipelineFileWatcher(dir, { debounceMs: 0 });
      const seen: string[] = [];
      witness.on('pipeline-file:changed', ({ file }) => seen.push(`changed ${file}`));
      witness.on('pipeline-file:removed', ({ file }) => seen.push(`removed ${file}`));
      try {
        await witness.initialScan();
        const late = join(dir, 'late.json');
        writeFileSync(late, '{}');
        await until(() => seen.includes(`changed ${late}`));
        await watcher.close();
        // The removal reaches the witness 100 ms or more later: past the closed watcher's debounce for the write.
        unlinkSync(late);
        await until(() => seen.includes(`removed ${late}`));
        expect(events).toEqual([]);
      } finally {
        await witness.close();
      }
    });
  });
});

describe('isPipelineFileName', () => {
  it('accepts json, yaml and yml files and refuses dotfiles and other extensions', () => {
    expect(['a.json', 'b.yaml', 'c.yml', 'D.JSON'].map(isPipelineFileName)).toEqual([true, true, true, true]);
    expect(['.a.json', 'a.txt', 'a.json.bak', 'json'].map(isPipelineFileName)).toEqual([false, false, false, false]);
  });
});
