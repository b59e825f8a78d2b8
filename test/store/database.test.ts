import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Migration } from '../../src/store/index.js';
import { freshDataDir } from '../helpers/emulator.js';

describe('openDatabase', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = freshDataDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('opens the store in WAL mode with every migration applied', () => {
    const db = openDatabase(dir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.close();
  });

  describe('when migrations are applied again', () => {
    it('applies only the ones newer than the stored version, in order', () => {
      const path = dir();
      const first: Migration[] = [{ version: 1, description: 'a', sql: 'CREATE TABLE a (x)' }];
      const db = openDatabase(path, first);
      db.close();
      const both: Migration[] = [...first, { version: 2, description: 'b', sql: 'CREATE TABLE b (y)' }];
      const again = openDatabase(path, both);
      expect(again.pragma('user_version', { simple: true })).toBe(2);
      expect(migrate(again, both)).toBe(0);
      again.close();
    });
  });

  describe('when a lower-numbered migration lands after a higher one was applied', () => {
    it('still applies it', () => {
      const path = dir();
      openDatabase(path, [{ version: 6, description: 'later', sql: 'CREATE TABLE six (x)' }]).close();
      const db = openDatabase(path, [
        { version: 4, description: 'earlier', sql: 'CREATE TABLE four (x)' },
        { version: 6, description: 'later', sql: 'CREATE TABLE six (x)' },
      ]);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'four'").get()).toEqual({ name: 'four' });
      db.close();
    });
  });

  describe('when a migration fails half way', () => {
    it('rolls it back whole and keeps the previous version', () => {
      const db = openDatabase(dir(), []);
      const broken: Migration[] = [{ version: 1, description: 'broken', sql: 'CREATE TABLE ok (x); CREATE TABLE ok (x);' }];
      expect(() => migrate(db, broken)).toThrow();
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").get()).toBeUndefined();
      expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
      db.close();
    });
  });
});
