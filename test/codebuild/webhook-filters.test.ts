import { describe, expect, it } from 'vitest';
import { webhookFires, type WebhookPush } from '../../src/codebuild/index.js';

const push: WebhookPush = { event: 'PUSH', headRef: 'refs/heads/main', actorAccountId: '000000000000', repositoryName: 'web', commitMessage: 'fix: the thing', filePaths: ['src/a.ts', 'docs/b.md'] };
const event = { type: 'EVENT', pattern: 'PULL_REQUEST_CREATED, PUSH' };

describe('webhookFires', () => {
  it('fires for every push when there are no filter groups, and for a group whose every filter passes', () => {
    expect(webhookFires({}, push)).toBe(true);
    expect(webhookFires({ filterGroups: [[event, { type: 'HEAD_REF', pattern: '^refs/heads/ma' }, { type: 'ACTOR_ACCOUNT_ID', pattern: '^0+$' }]] }, push)).toBe(true);
    expect(webhookFires({ filterGroups: [[{ type: 'EVENT', pattern: 'PULL_REQUEST_MERGED' }], [event, { type: 'REPOSITORY_NAME', pattern: 'other' }]] }, push)).toBe(false);
  });

  it('matches FILE_PATH against any changed file, and an excluded pattern only when no file matches', () => {
    expect(webhookFires({ filterGroups: [[event, { type: 'FILE_PATH', pattern: '^docs/' }]] }, push)).toBe(true);
    expect(webhookFires({ filterGroups: [[event, { type: 'FILE_PATH', pattern: '^docs/', excludeMatchedPattern: true }]] }, push)).toBe(false);
    expect(webhookFires({ filterGroups: [[event, { type: 'FILE_PATH', pattern: '^test/', excludeMatchedPattern: true }]] }, push)).toBe(true);
  });

  it('never lets a pull-request or release filter (BASE_REF, TAG_NAME) through on a push, and applies the deprecated branchFilter to branch names', () => {
    expect(webhookFires({ filterGroups: [[event, { type: 'BASE_REF', pattern: '.*' }]] }, push)).toBe(false);
    expect(webhookFires({ filterGroups: [[event, { type: 'TAG_NAME', pattern: '.*' }]] }, { ...push, headRef: 'refs/tags/v1' })).toBe(false);
    expect(webhookFires({ branchFilter: '^ma' }, push)).toBe(true);
    expect(webhookFires({ branchFilter: '^ma' }, { ...push, headRef: 'refs/tags/main' })).toBe(false);
  });
});
