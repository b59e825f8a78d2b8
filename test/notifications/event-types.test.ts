import { describe, expect, it } from 'vitest';
import { actionStateChange, buildStateChange, referenceStateChange, type AwsEvent } from '../../src/events/index.js';
import type { ActionExecutionRecord, BuildRecord } from '../../src/model/index.js';
import { approvalSubject, eventResourceOf, eventTypeIdsOf } from '../../src/notifications/index.js';

const origin = { id: 'e', account: '000000000000', region: 'us-east-1', nowMs: 0 };

describe('eventTypeIdsOf', () => {
  it('names a manual approval start both an action start and an approval needed', () => {
    const action = {
      pipelineName: 'p',
      executionId: 'x',
      stageName: 'Approve',
      actionName: 'Review',
      pipelineVersion: 1,
      input: { actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, region: 'us-east-1', inputArtifacts: [], configuration: {} },
      output: { outputArtifacts: [], outputVariables: {} },
    } as unknown as ActionExecutionRecord;
    const event = actionStateChange(origin, action, 'STARTED', 1);
    expect(eventTypeIdsOf(event)).toEqual(['codepipeline-pipeline-action-execution-started', 'codepipeline-pipeline-manual-approval-needed']);
    expect(eventTypeIdsOf(actionStateChange(origin, action, 'ABANDONED', 1))).toEqual([]);
    expect(eventResourceOf(event)).toBe('arn:aws:codepipeline:us-east-1:000000000000:p');
  });

  it("names a branch or tag change and its repository as the rule's resource; other refs make no event", () => {
    const repo = { name: 'app', repositoryId: 'r-1' };
    const created = referenceStateChange(origin, repo, { ref: 'refs/tags/v1', after: 'a'.repeat(40) }, 'arn:aws:iam::000000000000:root')!;
    expect(created.detail).toMatchObject({ event: 'referenceCreated', referenceType: 'tag', referenceName: 'v1' });
    expect(eventTypeIdsOf(created)).toEqual(['codecommit-repository-branches-and-tags-created']);
    expect(eventResourceOf(created)).toBe('arn:aws:codecommit:us-east-1:000000000000:app');
    const deleted = referenceStateChange(origin, repo, { ref: 'refs/heads/x', before: 'b'.repeat(40) }, 'arn:aws:iam::000000000000:root')!;
    expect(eventTypeIdsOf(deleted)).toEqual(['codecommit-repository-branches-and-tags-deleted']);
    expect(referenceStateChange(origin, repo, { ref: 'refs/notes/x', after: 'c'.repeat(40) }, 'arn:aws:iam::000000000000:root')).toBeUndefined();
  });

  it("names a build's state and its project as the rule's resource", () => {
    const build = { arn: 'arn:aws:codebuild:us-east-1:000000000000:build/web:1', projectName: 'web', buildStatus: 'IN_PROGRESS', phases: [], environment: {}, artifacts: {}, source: {}, logs: {}, startMs: 0 } as unknown as BuildRecord;
    const event: AwsEvent = buildStateChange(origin, build);
    expect(eventTypeIdsOf(event)).toEqual(['codebuild-project-build-state-in-progress']);
    expect(eventResourceOf(event)).toBe('arn:aws:codebuild:us-east-1:000000000000:project/web');
  });
});

describe('approvalSubject', () => {
  it("keeps AWS's subject under 100 characters, cutting a long pipeline name with ...", () => {
    expect(approvalSubject('web', 'Review')).toBe('APPROVAL NEEDED: AWS CodePipeline web for action Review');
    const long = approvalSubject('p'.repeat(90), 'Review');
    expect(long.length).toBeLessThan(100);
    expect(long).toMatch(/^APPROVAL NEEDED: AWS CodePipeline p+\.\.\. for action Review$/);
  });
});
