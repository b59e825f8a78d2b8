import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../../src/codedeploy/agent-error.js';
import { RevisionBundle } from '../../src/codedeploy/bundle.js';
import { zipBytes, type BundleFile } from './bundles.js';

const read = (files: Record<string, BundleFile>) => RevisionBundle.read(zipBytes(files));

async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await RevisionBundle.read(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgentError);
  return (error as Error).message;
}

async function tarOf(entries: { name: string; type?: 'file' | 'symlink' | 'link'; content?: string; linkname?: string }[]): Promise<Uint8Array> {
  const tar = pack();
  for (const e of entries) tar.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644 }, e.type === 'file' || !e.type ? (e.content ?? '') : '');
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('RevisionBundle', () => {
  describe('when a zip is read', () => {
    it('keeps files, unix modes, implied folders and symlinks inside the revision', async () => {
      const bundle = await read({ 'appspec.yml': 'version: 0.0', 'scripts/run.sh': { content: '#!/bin/sh', mode: 0o755 }, 'site/latest': { symlink: '../scripts/run.sh' } });
      expect(bundle.kind('scripts')).toBe('directory');
      expect(bundle.entries.get('scripts/run.sh')).toMatchObject({ type: 'file', mode: 0o755 });
      expect(bundle.entries.get('site/latest')).toMatchObject({ type: 'symlink', linkTarget: '../scripts/run.sh' });
      expect(bundle.children('')).toEqual(['appspec.yml', 'scripts', 'site']);
      expect(bundle.appspec()).toEqual({ name: 'appspec.yml', text: 'version: 0.0' });
    });

    it('makes a lone top folder holding the appspec the root, as the agent does', async () => {
      const bundle = await read({ 'myapp/appspec.yml': 'x', 'myapp/site/index.html': 'y' });
      expect(bundle.children('')).toEqual(['appspec.yml', 'site']);
    });

    it('keeps a lone top folder without an appspec', async () => {
      expect((await read({ 'site/index.html': 'y' })).children('')).toEqual(['site']);
    });

    it('falls back to appspec.yaml', async () => {
      expect((await read({ 'appspec.yaml': 'y' })).appspec()?.name).toBe('appspec.yaml');
    });
  });

  describe('when an entry would leave the revision', () => {
    it.each([
      ['a climbing name', { '../../etc/cron.d/x': 'x' }, 'would be written outside its folder'],
      ['an absolute name', { '/etc/passwd': 'x' }, 'has an absolute path'],
      ['a symlink to an absolute path', { 'appspec.yml': 'x', 'link': { symlink: '/etc' } }, 'is a symlink to an absolute path (/etc)'],
      ['a symlink climbing out', { 'appspec.yml': 'x', 'a/link': { symlink: '../../etc' } }, 'is a symlink pointing outside the revision (../../etc)'],
    ] as const)('refuses %s', async (_, files, why) => {
      expect(await refusal(zipBytes(files as Record<string, BundleFile>))).toContain(why);
    });

    it('refuses a hard link in a tar revision', async () => {
      expect(await refusal(await tarOf([{ name: 'appspec.yml', content: 'x' }, { name: 'h', type: 'link', linkname: 'appspec.yml' }]))).toContain('is a link entry');
    });
  });

  describe('when the revision is a tar or a tar.gz', () => {
    it('reads it like a zip', async () => {
      const tar = await tarOf([{ name: 'appspec.yml', content: 'version: 0.0' }, { name: 'site/index.html', content: 'hi' }]);
      expect((await RevisionBundle.read(tar)).appspec()?.text).toBe('version: 0.0');
      expect((await RevisionBundle.read(gzipSync(tar))).kind('site/index.html')).toBe('file');
    });

    it('refuses a climbing tar entry', async () => {
      expect(await refusal(await tarOf([{ name: '../x', content: 'x' }]))).toContain('would be written outside its folder');
    });
  });

  it('refuses bytes that are no archive', async () => {
    expect(await refusal(new TextEncoder().encode('not a zip at all'))).toMatch(/^The revision bundle could not be unpacked as a zip archive/);
  });
});
