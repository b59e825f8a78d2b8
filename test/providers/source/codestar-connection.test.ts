import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionSourceProvider, type LocalGitRepository } from '../../../src/providers/source/index.js';
import { ConnectionMirrors, isGitUrl } from '../../../src/sources/index.js';
import { zipEntries } from '../../helpers/test-provider.js';
import { describeProviderConformance } from '../conformance.js';
import { GitFixture } from './git-fixture.js';
import { failureOf, runJob } from './harness.js';

const ARN = 'arn:aws:codestar-connections:us-east-1:000000000000:connection/5b0c1f0e-1111-2222-3333-444455556666';
const repo = new GitFixture();
const head = repo.commit({ 'index.html': 'v1\n' }, 'First page');
const mirrorsDir = mkdtempSync(join(tmpdir(), 'cpl-mirrors-'));
afterAll(() => rmSync(mirrorsDir, { recursive: true, force: true }));

const asked: string[] = [];
const provider = new ConnectionSourceProvider({
  mirrors: new ConnectionMirrors(mirrorsDir),
  findRepository: async (_scope, name): Promise<LocalGitRepository | undefined> => {
    asked.push(name);
    if (name === 'slow') return new Promise<never>(() => {});
    return name === 'web-app' ? { name, gitDir: repo.gitDir } : undefined;
  },
});
const config = (extra: Record<string, string> = {}) => ({ ConnectionArn: ARN, FullRepositoryId: 'team/web-app', BranchName: 'main', ...extra });

describeProviderConformance('CodeStarSourceConnection source', () => ({
  provider,
  succeeding: { configuration: config(), outputArtifactNames: ['SourceArtifact'] },
  failing: { configuration: config({ FullRepositoryId: 'team/missing' }), outputArtifactNames: ['SourceArtifact'] },
  long: { configuration: config({ FullRepositoryId: 'team/slow' }), outputArtifactNames: ['SourceArtifact'] },
}));

describe('ConnectionSourceProvider', () => {
  describe('when FullRepositoryId is owner/name', () => {
    it('reads the local repository called name and reports the connection variables', async () => {
      const result = await runJob(provider, { configuration: config() });
      expect(asked.at(-1)).toBe('web-app');
      expect(result.outputVariables).toEqual({
        AuthorDate: expect.stringMatching(/Z$/),
        BranchName: 'main',
        CommitId: head,
        CommitMessage: 'First page',
        ConnectionArn: ARN,
        FullRepositoryName: 'team/web-app',
      });
      expect(JSON.parse(result.revision!.summary!)).toEqual({ ProviderType: 'GitHub', CommitMessage: 'First page' });
    });
  });

  describe('when FullRepositoryId is a git URL', () => {
    it('mirrors it, and fetches it again on the next run', async () => {
      const url = `file://${repo.dir}`;
      const first = await runJob(provider, { configuration: config({ FullRepositoryId: url }) });
      expect(first.outputVariables?.CommitId).toBe(head);
      const next = repo.commit({ 'about.html': 'about\n' }, 'About page');
      const second = await runJob(provider, { configuration: config({ FullRepositoryId: url }) });
      expect(second.outputVariables).toMatchObject({ CommitId: next, FullRepositoryName: url });
      expect(Object.keys(zipEntries(second.outputArtifacts!.SourceArtifact)).sort()).toEqual(['about.html', 'index.html']);
    });

    it('tells URLs from owner/name', () => {
      expect(['https://github.com/o/r.git', 'ssh://git@host/r', 'git@github.com:o/r.git', 'file:///srv/r.git'].every(isGitUrl)).toBe(true);
      expect(['team/web-app', 'web-app', '-u/x', 'ext::sh -c touch% /tmp/pwned'].some(isGitUrl)).toBe(false);
    });
  });

  it('refuses a malformed connection ARN', async () => {
    const failure = await failureOf(provider, { configuration: config({ ConnectionArn: 'nope' }) });
    expect(failure).toMatchObject({ code: 'ConfigurationError', message: 'The connection ARN "nope" is not a valid CodeStar connection ARN.' });
  });
});
