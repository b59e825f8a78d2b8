import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverProjectArtifacts } from '../../src/codebuild/build-artifacts.js';
import { s3ObjectPath } from '../../src/codebuild/build-sources.js';
import type { CodeBuildArtifacts } from '../../src/store/index.js';

let root: string;
let s3Dir: string;
let zip: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cb-artifacts-'));
  s3Dir = join(root, 's3');
  zip = join(root, 'primary.zip');
  writeFileSync(zip, zipSync({ 'out.txt': strToU8('built'), 'dir/inner.txt': strToU8('inner') }));
  // Another bucket's data, which no build of bucket `attacker` may touch.
  mkdirSync(join(s3Dir, 'victim', 'folder'), { recursive: true });
  writeFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'precious');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function deliver(primary: CodeBuildArtifacts) {
  return deliverProjectArtifacts(s3Dir, { primary, secondary: [] }, { artifacts: { primary: zip } }, 'uuid-1', 'proj');
}

describe('deliverProjectArtifacts', () => {
  describe('when the path climbs out of the bucket', () => {
    it('refuses the key and leaves the other bucket whole', () => {
      for (const packaging of ['ZIP', 'NONE'] as const) {
        expect(() => deliver({ type: 'S3', location: 'attacker', path: '..', name: 'victim', packaging })).toThrow(/must stay inside bucket attacker/);
        expect(() => deliver({ type: 'S3', location: 'attacker', path: 'a/../../victim', name: 'folder', packaging })).toThrow(/must stay inside bucket attacker/);
      }
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
    });
  });

  describe('when the ZIP target is an existing folder of other objects', () => {
    it('fails without removing the folder', () => {
      expect(() => deliver({ type: 'S3', location: 'victim', name: 'folder', packaging: 'ZIP' })).toThrow();
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
    });
  });

  describe('when the ZIP target is a link', () => {
    it('replaces the link rather than writing through it', () => {
      mkdirSync(join(s3Dir, 'out'), { recursive: true });
      symlinkSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), join(s3Dir, 'out', 'app.zip'));
      deliver({ type: 'S3', location: 'out', name: 'app.zip', packaging: 'ZIP' });
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
      expect(readFileSync(join(s3Dir, 'out', 'app.zip'))).toEqual(readFileSync(zip));
    });
  });

  describe('when packaging NONE writes into a folder that holds other objects', () => {
    it('replaces only the files of the artifact and keeps the others', () => {
      writeFileSync(join(s3Dir, 'victim', 'folder', 'out.txt'), 'old');
      symlinkSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), join(s3Dir, 'victim', 'folder', 'link'));
      const view = deliver({ type: 'S3', location: 'victim', name: 'folder', packaging: 'NONE' });
      expect(view.artifacts.location).toBe('arn:aws:s3:::victim/folder');
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'out.txt'), 'utf8')).toBe('built');
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'dir', 'inner.txt'), 'utf8')).toBe('inner');
      expect(readlinkSync(join(s3Dir, 'victim', 'folder', 'link'))).toBe(join(s3Dir, 'victim', 'folder', 'keep.txt'));
    });
  });

  describe('when the artifact is written again', () => {
    it('overwrites its own zip', () => {
      deliver({ type: 'S3', location: 'out', path: 'builds', name: 'app.zip', packaging: 'ZIP' });
      writeFileSync(zip, zipSync({ 'v2.txt': strToU8('two') }));
      deliver({ type: 'S3', location: 'out', path: 'builds', name: 'app.zip', packaging: 'ZIP' });
      expect(readFileSync(join(s3Dir, 'out', 'builds', 'app.zip'))).toEqual(readFileSync(zip));
      expect(existsSync(join(s3Dir, 'victim', 'folder', 'keep.txt'))).toBe(true);
    });
  });
});

describe('s3ObjectPath', () => {
  it('keeps the key inside its own bucket', () => {
    expect(s3ObjectPath('/s3', 'arn:aws:s3:::b/src/app.zip')).toBe('/s3/b/src/app.zip');
    for (const location of ['attacker/../victim/app.zip', 'b/../../etc/passwd', 'b', '../b/app.zip', 'b//app.zip']) {
      expect(() => s3ObjectPath('/s3', location)).toThrow(/Invalid S3 location/);
    }
  });
});
