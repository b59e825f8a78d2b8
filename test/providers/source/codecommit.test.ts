import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeCommitSourceProvider, type LocalGitRepository } from '../../../src/providers/source/index.js';
import { zipEntries } from '../../helpers/test-provider.js';
import { describeProviderConformance } from '../conformance.js';
import { GitFixture } from './git-fixture.js';
import { failureOf, runJob } from './harness.js';

const repo = new GitFixture();
const first = repo.commit({ 'README.md': '# app\n' }, 'Initial commit', '2019-10-29T03:32:21Z');
repo.git('checkout', '--quiet', '-b', 'feature');
const onFeature = repo.commit({ 'feature.txt': 'f\n' }, 'Feature work');
repo.git('checkout', '--quiet', 'main');
repo.commit(
  { '.gitattributes': 'secret.txt export-ignore\nversion.txt export-subst\n', 'secret.txt': 'kept\n', 'version.txt': '$Format:%H$\n', 'bin/run.sh': '#!/bin/sh\n' },
  'Attributes that git archive would act on',
);
symlinkSync('README.md', join(repo.dir, 'link.md'));
chmodSync(join(repo.dir, 'bin/run.sh'), 0o755);
const head = repo.commit({}, 'Add a link');

/** Reads the unix mode of each entry from a zip's central directory (fflate does not report it). */
function zipModes(path: string): Record<string, number> {
  const zip = readFileSync(path);
  const modes: Record<string, number> = {};
  for (let at = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1')); at !== -1; at = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'), at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    modes[name] = zip.readUInt32LE(at + 38) >>> 16;
  }
  return modes;
}

const never = new Promise<never>(() => {});
const provider = new CodeCommitSourceProvider({
  findRepository: async (_scope, name): Promise<LocalGitRepository | undefined> => {
    if (name === 'slow') return never;
    return name === 'app' ? { name, gitDir: repo.gitDir } : undefined;
  },
});
const config = (extra: Record<string, string> = {}) => ({ RepositoryName: 'app', BranchName: 'main', ...extra });

describeProviderConformance('CodeCommit source', () => ({
  provider,
  succeeding: { configuration: config(), outputArtifactNames: ['SourceArtifact'] },
  failing: { configuration: config({ RepositoryName: 'missing' }), outputArtifactNames: ['SourceArtifact'] },
  long: { configuration: config({ RepositoryName: 'slow' }), outputArtifactNames: ['SourceArtifact'] },
}));

describe('CodeCommitSourceProvider', () => {
  describe('when it zips the branch head (CODE_ZIP)', () => {
    it('holds exactly the tree of the commit, ignoring export attributes', async () => {
      const result = await runJob(provider, { configuration: config() });
      const files = zipEntries(result.outputArtifacts!.SourceArtifact);
      expect(Object.keys(files).filter((f) => !f.endsWith('/')).sort()).toEqual(['.gitattributes', 'README.md', 'bin/run.sh', 'link.md', 'secret.txt', 'version.txt']);
      expect(files['secret.txt']).toBe('kept\n');
      expect(files['README.md']).toBe('# app\n');
      expect(files['version.txt']).toBe('$Format:%H$\n');
    });

    it('keeps executable bits and symlinks', async () => {
      const result = await runJob(provider, { configuration: config() });
      const modes = zipModes(result.outputArtifacts!.SourceArtifact);
      expect(modes['bin/run.sh'] & 0o111).not.toBe(0);
      expect(modes['README.md'] & 0o111).toBe(0);
      expect(modes['link.md'] & 0o170000).toBe(0o120000);
    });

    it('reports the commit as revision and the output variables AWS gives', async () => {
      const result = await runJob(provider, { configuration: config() });
      expect(result.revision).toMatchObject({ revisionId: head, summary: 'Add a link' });
      expect(result.outputVariables).toMatchObject({ CommitId: head, CommitMessage: 'Add a link', BranchName: 'main', RepositoryName: 'app' });
    });
  });

  describe('when a run asks for a commit (sourceRevisionOverride)', () => {
    it('uses that commit, with AWS date formats', async () => {
      const result = await runJob(provider, { configuration: config(), sourceRevisionOverride: { revisionType: 'COMMIT_ID', revisionValue: first } });
      expect(result.outputVariables).toMatchObject({ CommitId: first, AuthorDate: '2019-10-29T03:32:21Z', CommitterDate: '2019-10-29T03:32:21Z' });
      expect(Object.keys(zipEntries(result.outputArtifacts!.SourceArtifact))).toEqual(['README.md']);
    });

    it('reports the branch whose head the commit is', async () => {
      const result = await runJob(provider, { configuration: config(), sourceRevisionOverride: { revisionType: 'COMMIT_ID', revisionValue: onFeature.slice(0, 10) } });
      expect(result.outputVariables).toMatchObject({ CommitId: onFeature, BranchName: 'feature' });
    });

    it('refuses a revision that is not a commit id, so no revision expression reaches git', async () => {
      const failure = await failureOf(provider, { configuration: config(), sourceRevisionOverride: { revisionType: 'COMMIT_ID', revisionValue: 'HEAD~1' } });
      expect(failure).toMatchObject({ code: 'ConfigurationError', message: 'The source revision "HEAD~1" is not a commit ID.' });
    });

    it('refuses a revision type other than COMMIT_ID', async () => {
      const failure = await failureOf(provider, { configuration: config(), sourceRevisionOverride: { revisionType: 'S3_OBJECT_KEY', revisionValue: 'x' } });
      expect(failure.message).toBe('This source action does not accept a source revision of type S3_OBJECT_KEY.');
    });
  });
});
