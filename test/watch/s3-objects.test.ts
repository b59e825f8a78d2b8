import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectFileWatcher } from '../../src/watch/s3-objects.js';

const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

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
      await settle(100);
      writeFileSync(file, 'one');
      await settle();
      writeFileSync(join(root, 'bucket', 'deep', 'app.zip.tmp'), 'two');
      renameSync(join(root, 'bucket', 'deep', 'app.zip.tmp'), file);
      await settle();
      expect(events).toEqual(['changed', 'changed']);
    });
  });

  describe('when files beside the object change', () => {
    it('reports nothing, and reports the object removed when it is deleted', async () => {
      const file = join(root, 'bucket', 'app.zip');
      mkdirSync(join(root, 'bucket'), { recursive: true });
      writeFileSync(file, 'one');
      await watch(file);
      writeFileSync(join(root, 'bucket', 'other.zip'), 'x');
      await settle();
      expect(events).toEqual([]);
      unlinkSync(file);
      await settle();
      expect(events).toEqual(['removed']);
    });
  });

  it('debounces a write made in several parts into one change', async () => {
    const file = join(root, 'bucket', 'app.zip');
    mkdirSync(join(root, 'bucket'), { recursive: true });
    writeFileSync(file, '');
    await watch(file);
    for (let i = 0; i < 5; i++) writeFileSync(file, `part ${i}`, { flag: 'a' });
    await settle();
    expect(events).toEqual(['changed']);
  });

  it('refuses a file outside its root', () => {
    expect(() => new ObjectFileWatcher(root, join(root, '..', 'elsewhere.zip'))).toThrow('is not inside');
  });
});
