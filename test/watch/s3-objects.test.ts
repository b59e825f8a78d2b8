import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectFileWatcher } from '../../src/watch/s3-objects.js';
import { waitFor } from '../helpers/wait.js';

// A removal is the marker that the watcher has caught up: chokidar holds an unlink back 100 ms (its `atomic` default)
// and the watcher reports it undebounced, so any change scheduled before it, 50 ms debounced, has been reported by then.

describe('ObjectFileWatcher', () => {
  let root: string;
  let watcher: ObjectFileWatcher | undefined;
  let events: string[];

  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'cpl-s3w-')), 's3');
    events = [];
  });
  afterEach(async () => {
    await watcher?.close();
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  /** Waits until the watcher has reported `count` events in all. */
  const untilEvents = (count: number) => waitFor(() => events.length >= count, { description: `${count} event(s)` });

  const watch = async (file: string) => {
    watcher = new ObjectFileWatcher(root, file);
    watcher.on('object-file:changed', () => events.push('changed'));
    watcher.on('object-file:removed', () => events.push('removed'));
    await watcher.whenReady();
  };

  describe('when the object and its folders do not exist yet', () => {
    it('reports the object once it is written, and each later write', async () => {
      const file = join(root, 'bucket', 'deep', 'app.zip');
      await watch(file);
      mkdirSync(join(root, 'bucket', 'deep'), { recursive: true });
      writeFileSync(file, 'one');
      await untilEvents(1);
      writeFileSync(join(root, 'bucket', 'deep', 'app.zip.tmp'), 'two');
      renameSync(join(root, 'bucket', 'deep', 'app.zip.tmp'), file);
      await untilEvents(2);
      unlinkSync(file);
      await untilEvents(3);
      expect(events).toEqual(['changed', 'changed', 'removed']);
    });
  });

  describe('when files beside the object change', () => {
    it('reports nothing, and reports the object removed when it is deleted', async () => {
      const file = join(root, 'bucket', 'app.zip');
      mkdirSync(join(root, 'bucket'), { recursive: true });
      writeFileSync(file, 'one');
      await watch(file);
      writeFileSync(join(root, 'bucket', 'other.zip'), 'x');
      unlinkSync(file);
      await untilEvents(1);
      expect(events).toEqual(['removed']);
    });
  });

  it('debounces a write made in several parts into one change', async () => {
    const file = join(root, 'bucket', 'app.zip');
    mkdirSync(join(root, 'bucket'), { recursive: true });
    writeFileSync(file, '');
    await watch(file);
    for (let i = 0; i < 5; i++) writeFileSync(file, `part ${i}`, { flag: 'a' });
    await untilEvents(1);
    unlinkSync(file);
    await waitFor(() => events.includes('removed'), { description: 'the removal' });
    expect(events).toEqual(['changed', 'removed']);
  });

  it('refuses a file outside its root', () => {
    expect(() => new ObjectFileWatcher(root, join(root, '..', 'elsewhere.zip'))).toThrow('is not inside');
  });
});
