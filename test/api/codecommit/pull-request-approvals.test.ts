import {
  AssociateApprovalRuleTemplateWithRepositoryCommand,
  CodeCommitClient,
  CreateApprovalRuleTemplateCommand,
  CreatePullRequestApprovalRuleCommand,
  DeletePullRequestApprovalRuleCommand,
  DescribePullRequestEventsCommand,
  EvaluatePullRequestApprovalRulesCommand,
  GetPullRequestApprovalStatesCommand,
  GetPullRequestCommand,
  GetPullRequestOverrideStateCommand,
  MergePullRequestByFastForwardCommand,
  OverridePullRequestApprovalRulesCommand,
  UpdatePullRequestApprovalRuleContentCommand,
  UpdatePullRequestApprovalStateCommand,
  type UpdatePullRequestApprovalStateCommandInput,
} from '@aws-sdk/client-codecommit';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT, useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { commitFile, git } from '../../helpers/git.js';
import { usePullRequestRepository } from '../../helpers/pull-request-repository.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const rule = (needed: number, pool?: string[], destinations?: string[]) =>
  JSON.stringify({ Version: '2018-11-08', ...(destinations ? { DestinationReferences: destinations } : {}), Statements: [{ Type: 'Approvers', NumberOfApprovalsNeeded: needed, ...(pool ? { ApprovalPoolMembers: pool } : {}) }] });

describe('CodeCommit pull request approval rules', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const repo = usePullRequestRepository(emulator, 'approvals');
  const { repositoryName, clone, openFrom } = repo;
  // The SDK's default key AKIDEXAMPLE is the author; other keys stand for other IAM users of the account.
  const as = (user: string) => emulator.env.client(CodeCommitClient, 'us-east-1', user);
  const userArn = (user: string) => `arn:aws:iam::${TEST_ACCOUNT}:user/${user}`;



  it('needs the approvals of the rule pool before a merge, never the author, and records each change as an event', async () => {
    const { pullRequestId, revisionId } = (await openFrom('feature-a')).pullRequest;
    const content = rule(1, [`CodeCommitApprovers:${TEST_ACCOUNT}:Mary_*`]);
    const created = (await emulator.client.send(new CreatePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Mary', approvalRuleContent: content }))).approvalRule!;
    expect(created).toMatchObject({ approvalRuleName: 'Mary', approvalRuleContent: content, ruleContentSha256: createHash('sha256').update(content).digest('hex'), lastModifiedUser: userArn('AKIDEXAMPLE') });
    expect((await emulator.client.send(new GetPullRequestCommand({ pullRequestId }))).pullRequest!.approvalRules).toEqual([expect.objectContaining({ approvalRuleId: created.approvalRuleId })]);
    expect((await errorOf(emulator.client.send(new CreatePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Mary', approvalRuleContent: content })))).name).toBe('ApprovalRuleNameAlreadyExistsException');
    expect((await errorOf(emulator.client.send(new CreatePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Bad', approvalRuleContent: '{"Version":"2018-11-08"}' })))).name).toBe(
      'InvalidApprovalRuleContentException',
    );

    const approve = (client: CodeCommitClient, approvalState: 'APPROVE' | 'REVOKE' = 'APPROVE') => client.send(new UpdatePullRequestApprovalStateCommand({ pullRequestId, revisionId, approvalState }));
    expect((await errorOf(approve(emulator.client))).name).toBe('PullRequestCannotBeApprovedByAuthorException');
    await approve(as('Someone_Else'));
    const evaluate = async () => (await emulator.client.send(new EvaluatePullRequestApprovalRulesCommand({ pullRequestId, revisionId }))).evaluation;
    expect(await evaluate()).toEqual({ approved: false, overridden: false, approvalRulesSatisfied: [], approvalRulesNotSatisfied: ['Mary'] });
    expect((await errorOf(emulator.client.send(new MergePullRequestByFastForwardCommand({ pullRequestId, repositoryName })))).name).toBe('PullRequestApprovalRulesNotSatisfiedException');

    await approve(as('Mary_Major'));
    expect(await evaluate()).toEqual({ approved: true, overridden: false, approvalRulesSatisfied: ['Mary'], approvalRulesNotSatisfied: [] });
    const states = await emulator.client.send(new GetPullRequestApprovalStatesCommand({ pullRequestId, revisionId }));
    expect(states.approvals).toEqual([
      { userArn: userArn('Someone_Else'), approvalState: 'APPROVE' },
      { userArn: userArn('Mary_Major'), approvalState: 'APPROVE' },
    ]);
    const events = (await emulator.client.send(new DescribePullRequestEventsCommand({ pullRequestId }))).pullRequestEvents!;
    expect(events.map((e) => e.pullRequestEventType)).toEqual(['PULL_REQUEST_CREATED', 'PULL_REQUEST_APPROVAL_RULE_CREATED', 'PULL_REQUEST_APPROVAL_STATE_CHANGED', 'PULL_REQUEST_APPROVAL_STATE_CHANGED']);
    expect(events[3]).toMatchObject({ actorArn: userArn('Mary_Major'), approvalStateChangedEventMetadata: { revisionId, approvalStatus: 'APPROVE' } });

    const merged = await emulator.client.send(new MergePullRequestByFastForwardCommand({ pullRequestId, repositoryName }));
    await git(clone, 'fetch', '--quiet', 'origin');
    expect((await git(clone, 'rev-parse', 'origin/main')).stdout.trim()).toBe(merged.pullRequest!.pullRequestTargets![0].mergeMetadata!.mergeCommitId);
  });

  it('starts a new revision without approvals when the source branch moves, and refuses the old revision', async () => {
    const { pullRequestId, revisionId } = (await openFrom('feature-b')).pullRequest;
    await as('Mary_Major').send(new UpdatePullRequestApprovalStateCommand({ pullRequestId, revisionId, approvalState: 'APPROVE' }));
    await commitFile(clone, 'second.txt', 'second\n', 'second');
    await git(clone, 'push', '--quiet', 'origin', 'feature-b');
    const current = (await emulator.client.send(new GetPullRequestCommand({ pullRequestId }))).pullRequest!.revisionId!;
    expect(current).not.toBe(revisionId);
    expect((await errorOf(as('Mary_Major').send(new UpdatePullRequestApprovalStateCommand({ pullRequestId, revisionId, approvalState: 'APPROVE' })))).name).toBe('RevisionNotCurrentException');
    expect((await emulator.client.send(new GetPullRequestApprovalStatesCommand({ pullRequestId, revisionId: current }))).approvals).toEqual([]);
    expect((await emulator.client.send(new GetPullRequestApprovalStatesCommand({ pullRequestId, revisionId }))).approvals).toHaveLength(1);
    expect((await errorOf(emulator.client.send(new EvaluatePullRequestApprovalRulesCommand({ pullRequestId, revisionId: 'nope' })))).name).toBe('InvalidRevisionIdException');
  });

  it('updates a rule only with the SHA-256 of its content, and deletes it once', async () => {
    const { pullRequestId } = (await openFrom('feature-c')).pullRequest;
    const created = (await emulator.client.send(new CreatePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Two', approvalRuleContent: rule(2) }))).approvalRule!;
    const update = (existingRuleContentSha256: string) => emulator.client.send(new UpdatePullRequestApprovalRuleContentCommand({ pullRequestId, approvalRuleName: 'Two', existingRuleContentSha256, newRuleContent: rule(1) }));
    expect((await errorOf(update('0'.repeat(64)))).name).toBe('InvalidRuleContentSha256Exception');
    expect((await update(created.ruleContentSha256!)).approvalRule).toMatchObject({ approvalRuleId: created.approvalRuleId, approvalRuleContent: rule(1) });
    const remove = () => emulator.client.send(new DeletePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Two' }));
    expect((await remove()).approvalRuleId).toBe(created.approvalRuleId);
    expect((await remove()).approvalRuleId).toBe('');
    const types = (await emulator.client.send(new DescribePullRequestEventsCommand({ pullRequestId }))).pullRequestEvents!.map((e) => e.pullRequestEventType);
    expect(types).toEqual(['PULL_REQUEST_CREATED', 'PULL_REQUEST_APPROVAL_RULE_CREATED', 'PULL_REQUEST_APPROVAL_RULE_UPDATED', 'PULL_REQUEST_APPROVAL_RULE_DELETED']);
  });

  it('gives a new pull request the rules of the templates associated with its repository, which may be overridden but not changed', async () => {
    const approvalRuleTemplateName = uniqueName('tpl');
    const template = (
      await emulator.client.send(new CreateApprovalRuleTemplateCommand({ approvalRuleTemplateName, approvalRuleTemplateContent: rule(2, undefined, ['refs/heads/main']) }))
    ).approvalRuleTemplate!;
    await emulator.client.send(new AssociateApprovalRuleTemplateWithRepositoryCommand({ approvalRuleTemplateName, repositoryName }));
    const { pullRequestId, revisionId, approvalRules } = (await openFrom('feature-d')).pullRequest;
    expect(approvalRules).toEqual([
      expect.objectContaining({ approvalRuleName: approvalRuleTemplateName, originApprovalRuleTemplate: { approvalRuleTemplateId: template.approvalRuleTemplateId, approvalRuleTemplateName } }),
    ]);
    expect((await errorOf(emulator.client.send(new UpdatePullRequestApprovalRuleContentCommand({ pullRequestId, approvalRuleName: approvalRuleTemplateName, newRuleContent: rule(1) })))).name).toBe(
      'CannotModifyApprovalRuleFromTemplateException',
    );
    expect((await errorOf(emulator.client.send(new DeletePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: approvalRuleTemplateName })))).name).toBe('CannotDeleteApprovalRuleFromTemplateException');

    const override = () => emulator.client.send(new OverridePullRequestApprovalRulesCommand({ pullRequestId, revisionId, overrideStatus: 'OVERRIDE' }));
    await override();
    expect((await errorOf(override())).name).toBe('OverrideAlreadySetException');
    expect(await emulator.client.send(new GetPullRequestOverrideStateCommand({ pullRequestId, revisionId }))).toMatchObject({ overridden: true, overrider: userArn('AKIDEXAMPLE') });
    expect((await emulator.client.send(new EvaluatePullRequestApprovalRulesCommand({ pullRequestId, revisionId }))).evaluation).toMatchObject({ approved: true, overridden: true, approvalRulesNotSatisfied: [approvalRuleTemplateName] });
    const overridden = await emulator.client.send(new DescribePullRequestEventsCommand({ pullRequestId, pullRequestEventType: 'PULL_REQUEST_APPROVAL_RULE_OVERRIDDEN' }));
    expect(overridden.pullRequestEvents).toEqual([expect.objectContaining({ approvalRuleOverriddenEventMetadata: { revisionId, overrideStatus: 'OVERRIDE' } })]);
  });

  it('approves through the AWS CLI, whose default key stands for the account root', async () => {
    const { pullRequestId, revisionId } = (await openFrom('feature-e')).pullRequest;
    const set = await aws(emulator.env.url, ['codecommit', 'update-pull-request-approval-state', '--pull-request-id', pullRequestId!, '--revision-id', revisionId!, '--approval-state', 'APPROVE']);
    expect(set).toMatchObject({ code: 0 });
    const got = await aws(emulator.env.url, ['codecommit', 'get-pull-request-approval-states', '--pull-request-id', pullRequestId!, '--revision-id', revisionId!]);
    expect(got.json).toEqual({ approvals: [{ userArn: `arn:aws:iam::${TEST_ACCOUNT}:root`, approvalState: 'APPROVE' }] });
    const maybe = { pullRequestId, revisionId, approvalState: 'MAYBE' as 'APPROVE' };
    expect((await errorOf(emulator.client.send(new UpdatePullRequestApprovalStateCommand(maybe)))).name).toBe('InvalidApprovalStateException');
    expect((await errorOf(emulator.client.send(new UpdatePullRequestApprovalStateCommand({ pullRequestId, revisionId } as UpdatePullRequestApprovalStateCommandInput)))).name).toBe('ApprovalStateRequiredException');
  });
});
