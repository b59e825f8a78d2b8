import { describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../src/model/index.js';
import { matchesPushFilters, watchedSources, type PushFilter } from '../../src/sources/index.js';
import { codeCommitSource, connectionSource, CONNECTION_ARN, sourcePipeline } from './source-fixtures.js';

const scope = { account: '000000000000', region: 'us-east-1' };
const byName = (id: string) => ({ type: 'name' as const, name: id.split('/').pop()! });
const only = (decl: PipelineDeclaration) => watchedSources(scope, decl, byName);

describe('watchedSources', () => {
  describe('when a CodeCommit source sets PollForSourceChanges', () => {
    it.each([
      [undefined, 'PollForSourceChanges'],
      ['true', 'PollForSourceChanges'],
      ['false', 'CloudWatchEvent'],
    ])('records %s as %s', (poll, triggerType) => {
      const source = codeCommitSource('app', 'main', poll ? { PollForSourceChanges: poll } : {});
      expect(only(sourcePipeline('p', source))[0].trigger.triggerType).toBe(triggerType);
    });
  });

  describe('when a connection source has no trigger', () => {
    it('follows its branch as Webhook unless DetectChanges is false', () => {
      expect(only(sourcePipeline('p', connectionSource('o/app')))[0]).toMatchObject({ repository: { type: 'name', name: 'app' }, detection: { type: 'branch' }, trigger: { triggerType: 'Webhook', triggerDetail: CONNECTION_ARN } });
      expect(only(sourcePipeline('p', connectionSource('o/app', 'main', { DetectChanges: 'false' })))).toEqual([]);
    });
  });

  describe('when the pipeline declares triggers', () => {
    const push: PushFilter[] = [{ branches: { includes: ['main'] } }];
    const decl = (sourceActionName: string): PipelineDeclaration =>
      sourcePipeline('p', connectionSource('o/app'), { pipelineType: 'V2', triggers: [{ providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName, push } }] });

    it('follows the triggered action by its push filters as WebhookV2', () => {
      expect(only(decl('Source'))[0]).toMatchObject({ detection: { type: 'push-filters', filters: push }, trigger: { triggerType: 'WebhookV2' } });
    });

    it('turns default detection off for connection sources without a trigger', () => {
      expect(only(decl('Other'))).toEqual([]);
    });
  });

  it('does not follow actions whose configuration uses variables', () => {
    expect(only(sourcePipeline('p', codeCommitSource('#{variables.Repo}')))).toEqual([]);
  });
});

describe('matchesPushFilters', () => {
  const paths = (list: string[]) => () => Promise.resolve(list);
  const filters: PushFilter[] = [
    { branches: { includes: ['main', 'release/**'] }, filePaths: { includes: ['src/**'], excludes: ['**/*.md'] } },
    { tags: { includes: ['v*'], excludes: ['v0*'] } },
  ];

  it.each([
    ['a branch and a file both included', 'refs/heads/release/1', ['src/a.ts'], true],
    ['an included branch with only excluded files', 'refs/heads/main', ['src/README.md'], false],
    ['an included branch with one file of each', 'refs/heads/main', ['src/README.md', 'src/a.ts'], true],
    ['a branch that is not included', 'refs/heads/dev', ['src/a.ts'], false],
    ['an included tag', 'refs/tags/v1.2', [], true],
    ['an excluded tag', 'refs/tags/v0.1', [], false],
  ])('decides %s', async (_, ref, changed, expected) => {
    expect(await matchesPushFilters(filters, { ref, after: 'c' }, paths(changed))).toBe(expected);
  });

  it('starts nothing for a tag when only branch filters exist', async () => {
    expect(await matchesPushFilters([filters[0]], { ref: 'refs/tags/v1', after: 'c' }, paths(['src/a.ts']))).toBe(false);
  });

  it('lists changed files only when a filter needs them', async () => {
    let asked = 0;
    await matchesPushFilters([{ tags: { includes: ['*'] } }, { branches: { includes: ['x'] } }], { ref: 'refs/heads/main', after: 'c' }, async () => (asked++, []));
    expect(asked).toBe(0);
  });
});
