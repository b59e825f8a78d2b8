import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactDeliveryFailure, deliverProjectArtifacts } from '../../src/codebuild/build-artifacts.js';
import { s3Location } from '../../src/codebuild/build-sources.js';
import { S3Storage } from '../../src/s3/index.js';
import type { CodeBuildArtifacts } from '../../src/store/index.js';

let root: string;
let s3Dir: string;
let s3: S3Storage;
let zip: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cb-artifacts-'));
  s3Dir = join(root, 's3');
  s3 = new S3Storage(s3Dir, () => Date.now());
  zip = join(root, 'primary.zip');
  writeFileSync(zip, zipSync({ 'out.txt': strToU8('built'), 'dir/inner.txt': strToU8('inner') }));
  // Another bucket's data, which no build of bucket `attacker` may touch.
  mkdirSync(join(s3Dir, 'victim', 'folder'), { recursive: true });
  mkdirSync(join(s3Dir, 'attacker'), { recursive: true });
  mkdirSync(join(s3Dir, 'out'), { recursive: true });
  writeFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'precious');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function deliver(primary: CodeBuildArtifacts) {
  return deliverProjectArtifacts(s3, { primary, secondary: [] }, { artifacts: { primary: zip } }, { uuid: 'uuid-1', projectName: 'proj', scratch: root });
}

describe('deliverProjectArtifacts', () => {
  describe('when the path climbs out of the bucket', () => {
    it('refuses the key and leaves the other bucket whole', async () => {
      for (const packaging of ['ZIP', 'NONE'] as const) {
        await expect(deliver({ type: 'S3', location: 'attacker', path: '..', name: 'victim', packaging })).rejects.toThrow(/must stay inside bucket attacker/);
        await expect(deliver({ type: 'S3', location: 'attacker', path: 'a/../../victim', name: 'folder', packaging })).rejects.toThrow(/must stay inside bucket attacker/);
      }
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
    });
  });

  describe('when the bucket does not exist', () => {
    it("fails with S3's NoSuchBucket and creates no bucket", async () => {
      const failure = await deliver({ type: 'S3', location: 'no-such-bucket', name: 'app.zip', packaging: 'ZIP' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ArtifactDeliveryFailure);
      expect((failure as Error).message).toBe('Error uploading artifacts to s3://no-such-bucket/app.zip: NoSuchBucket: The specified bucket does not exist');
      expect(existsSync(join(s3Dir, 'no-such-bucket'))).toBe(false);
    });
  });

  describe('when the ZIP target is an existing folder of other objects', () => {
    it('fails without removing the folder', async () => {
      await expect(deliver({ type: 'S3', location: 'victim', name: 'folder', packaging: 'ZIP' })).rejects.toThrow(ArtifactDeliveryFailure);
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
    });
  });

  describe('when the ZIP target is a link', () => {
    it('replaces the link rather than writing through it', async () => {
      symlinkSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), join(s3Dir, 'out', 'app.zip'));
      await deliver({ type: 'S3', location: 'out', name: 'app.zip', packaging: 'ZIP' });
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
      expect(readFileSync(join(s3Dir, 'out', 'app.zip'))).toEqual(readFileSync(zip));
    });
  });

  describe('when packaging NONE writes into a folder that holds other objects', () => {
    it('puts only the files of the artifact as objects and keeps the others', async () => {
      writeFileSync(join(s3Dir, 'victim', 'folder', 'out.txt'), 'old');
      symlinkSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), join(s3Dir, 'victim', 'folder', 'link'));
      const view = await deliver({ type: 'S3', location: 'victim', name: 'folder', packaging: 'NONE' });
      expect(view.artifacts.location).toBe('arn:aws:s3:::victim/folder');
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'keep.txt'), 'utf8')).toBe('precious');
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'out.txt'), 'utf8')).toBe('built');
      expect(readFileSync(join(s3Dir, 'victim', 'folder', 'dir', 'inner.txt'), 'utf8')).toBe('inner');
      expect(readlinkSync(join(s3Dir, 'victim', 'folder', 'link'))).toBe(join(s3Dir, 'victim', 'folder', 'keep.txt'));
      const page = await s3.objects.list('victim', { prefix: 'folder/dir/', maxKeys: 10 });
      expect(page.objects.map((o) => [o.key, o.etag])).toEqual([['folder/dir/inner.txt', createHash('md5').update('inner').digest('hex')]]);
    });
  });

  describe('when the artifact is written again on a versioned bucket', () => {
    it('overwrites its own zip and keeps the earlier one as a version', async () => {
      await s3.buckets.update('out', (c) => ({ ...c, versioning: 'Enabled' }));
      await deliver({ type: 'S3', location: 'out', path: 'builds', name: 'app.zip', packaging: 'ZIP' });
      writeFileSync(zip, zipSync({ 'v2.txt': strToU8('two') }));
      await deliver({ type: 'S3', location: 'out', path: 'builds', name: 'app.zip', packaging: 'ZIP' });
      expect(readFileSync(join(s3Dir, 'out', 'builds', 'app.zip'))).toEqual(readFileSync(zip));
      const { entries } = await s3.versioned.list('out', 'builds/app.zip', {}, 10);
      expect(entries.map((e) => e.isLatest)).toEqual([true, false]);
      expect(existsSync(join(s3Dir, 'victim', 'folder', 'keep.txt'))).toBe(true);
    });
  });
});

describe('s3Location', () => {
  it('keeps the key inside its own bucket', () => {
    expect(s3Location('arn:aws:s3:::bucket/src/app.zip')).toEqual({ bucket: 'bucket', key: 'src/app.zip' });
    for (const location of ['attacker/../victim/app.zip', 'bucket/../../etc/passwd', 'bucket', '../b/app.zip', 'b/app.zip']) {
      expect(() => s3Location(location)).toThrow(/Invalid S3 location/);
    }
  });
});
