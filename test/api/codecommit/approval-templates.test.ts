import {
  AssociateApprovalRuleTemplateWithRepositoryCommand,
  BatchAssociateApprovalRuleTemplateWithRepositoriesCommand,
  BatchDisassociateApprovalRuleTemplateFromRepositoriesCommand,
  CodeCommitClient,
  CreateApprovalRuleTemplateCommand,
  CreateRepositoryCommand,
  DeleteApprovalRuleTemplateCommand,
  DisassociateApprovalRuleTemplateFromRepositoryCommand,
  GetApprovalRuleTemplateCommand,
  ListApprovalRuleTemplatesCommand,
  ListAssociatedApprovalRuleTemplatesForRepositoryCommand,
  ListRepositoriesForApprovalRuleTemplateCommand,
  UpdateApprovalRuleTemplateContentCommand,
  UpdateApprovalRuleTemplateDescriptionCommand,
  UpdateApprovalRuleTemplateNameCommand,
} from '@aws-sdk/client-codecommit';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const rule = (approvals: number) =>
  JSON.stringify({
    Version: '2018-11-08',
    DestinationReferences: ['refs/heads/main'],
    Statements: [{ Type: 'Approvers', NumberOfApprovalsNeeded: approvals, ApprovalPoolMembers: ['arn:aws:sts::000000000000:assumed-role/Reviewers/*'] }],
  });

describe('CodeCommit approval rule templates', () => {
  const emulator = useTestEmulator({}, { client: CodeCommitClient });
  const repositories = [uniqueName('tpl-a'), uniqueName('tpl-b')];

  beforeAll(async () => {
    for (const repositoryName of repositories) await emulator.client.send(new CreateRepositoryCommand({ repositoryName }));
  });

  it('creates, reads, lists, updates and renames a template', async () => {
    const name = uniqueName('two-approvals');
    const created = (await emulator.client.send(new CreateApprovalRuleTemplateCommand({ approvalRuleTemplateName: name, approvalRuleTemplateContent: rule(2), approvalRuleTemplateDescription: 'Two' }))).approvalRuleTemplate!;
    expect(created).toMatchObject({ approvalRuleTemplateName: name, approvalRuleTemplateDescription: 'Two', approvalRuleTemplateContent: rule(2), lastModifiedUser: 'arn:aws:iam::000000000000:user/AKIDEXAMPLE' });
    expect(created.ruleContentSha256).toBe(createHash('sha256').update(rule(2)).digest('hex'));
    expect((await emulator.client.send(new GetApprovalRuleTemplateCommand({ approvalRuleTemplateName: name }))).approvalRuleTemplate).toEqual(created);
    expect((await emulator.client.send(new ListApprovalRuleTemplatesCommand({}))).approvalRuleTemplateNames).toContain(name);
    const stale = await errorOf(emulator.client.send(new UpdateApprovalRuleTemplateContentCommand({ approvalRuleTemplateName: name, newRuleContent: rule(3), existingRuleContentSha256: 'f'.repeat(64) })));
    expect(stale.name).toBe('InvalidRuleContentSha256Exception');
    const updated = await emulator.client.send(new UpdateApprovalRuleTemplateContentCommand({ approvalRuleTemplateName: name, newRuleContent: rule(3), existingRuleContentSha256: created.ruleContentSha256 }));
    expect(updated.approvalRuleTemplate!.approvalRuleTemplateContent).toBe(rule(3));
    expect((await emulator.client.send(new UpdateApprovalRuleTemplateDescriptionCommand({ approvalRuleTemplateName: name, approvalRuleTemplateDescription: 'Three' }))).approvalRuleTemplate!.approvalRuleTemplateDescription).toBe('Three');
    const renamed = `${name}-renamed`;
    const out = await emulator.client.send(new UpdateApprovalRuleTemplateNameCommand({ oldApprovalRuleTemplateName: name, newApprovalRuleTemplateName: renamed }));
    expect(out.approvalRuleTemplate).toMatchObject({ approvalRuleTemplateId: created.approvalRuleTemplateId, approvalRuleTemplateName: renamed });
    expect((await errorOf(emulator.client.send(new GetApprovalRuleTemplateCommand({ approvalRuleTemplateName: name })))).name).toBe('ApprovalRuleTemplateDoesNotExistException');
  });

  it('associates a template with repositories, one by one and in batches, and will not delete it while in use', async () => {
    const approvalRuleTemplateName = uniqueName('assoc');
    const { approvalRuleTemplate } = await emulator.client.send(new CreateApprovalRuleTemplateCommand({ approvalRuleTemplateName, approvalRuleTemplateContent: rule(1) }));
    await emulator.client.send(new AssociateApprovalRuleTemplateWithRepositoryCommand({ approvalRuleTemplateName, repositoryName: repositories[0] }));
    const batch = await emulator.client.send(new BatchAssociateApprovalRuleTemplateWithRepositoriesCommand({ approvalRuleTemplateName, repositoryNames: [repositories[1], 'no-such-repo'] }));
    expect(batch).toEqual(expect.objectContaining({ associatedRepositoryNames: [repositories[1]], errors: [expect.objectContaining({ repositoryName: 'no-such-repo', errorCode: 'RepositoryDoesNotExistException' })] }));
    expect((await emulator.client.send(new ListRepositoriesForApprovalRuleTemplateCommand({ approvalRuleTemplateName }))).repositoryNames).toEqual([...repositories].sort());
    expect((await emulator.client.send(new ListAssociatedApprovalRuleTemplatesForRepositoryCommand({ repositoryName: repositories[0] }))).approvalRuleTemplateNames).toEqual([approvalRuleTemplateName]);
    expect((await errorOf(emulator.client.send(new DeleteApprovalRuleTemplateCommand({ approvalRuleTemplateName })))).name).toBe('ApprovalRuleTemplateInUseException');
    await emulator.client.send(new DisassociateApprovalRuleTemplateFromRepositoryCommand({ approvalRuleTemplateName, repositoryName: repositories[0] }));
    const removed = await emulator.client.send(new BatchDisassociateApprovalRuleTemplateFromRepositoriesCommand({ approvalRuleTemplateName, repositoryNames: [repositories[1]] }));
    expect(removed.disassociatedRepositoryNames).toEqual([repositories[1]]);
    expect((await emulator.client.send(new DeleteApprovalRuleTemplateCommand({ approvalRuleTemplateName }))).approvalRuleTemplateId).toBe(approvalRuleTemplate!.approvalRuleTemplateId);
  });

  it.each([
    ['no name', { approvalRuleTemplateName: '' }, 'ApprovalRuleTemplateNameRequiredException'],
    ['a name with a slash', { approvalRuleTemplateName: 'a/b' }, 'InvalidApprovalRuleTemplateNameException'],
    ['no content', { approvalRuleTemplateContent: '' }, 'ApprovalRuleTemplateContentRequiredException'],
    ['content that is not JSON', { approvalRuleTemplateContent: '{' }, 'InvalidApprovalRuleTemplateContentException'],
    ['another version of the rule language', { approvalRuleTemplateContent: rule(1).replace('2018-11-08', '2020-01-01') }, 'InvalidApprovalRuleTemplateContentException'],
    ['no approvals needed', { approvalRuleTemplateContent: rule(0) }, 'InvalidApprovalRuleTemplateContentException'],
    ['a description over 1,000 characters', { approvalRuleTemplateDescription: 'x'.repeat(1001) }, 'InvalidApprovalRuleTemplateDescriptionException'],
  ])('refuses a template with %s', async (_what, change, errorName) => {
    const input = { approvalRuleTemplateName: uniqueName('bad'), approvalRuleTemplateContent: rule(1), ...change };
    expect((await errorOf(emulator.client.send(new CreateApprovalRuleTemplateCommand(input)))).name).toBe(errorName);
  });

  it('refuses a second template of one name, also through the AWS CLI', async () => {
    const name = uniqueName('dup');
    const cli = (...args: string[]) => aws(emulator.env.url, ['codecommit', 'create-approval-rule-template', '--approval-rule-template-name', name, '--approval-rule-template-content', rule(1), ...args]);
    const first = await cli();
    expect(first.code, first.stderr).toBe(0);
    expect(first.json.approvalRuleTemplate.approvalRuleTemplateName).toBe(name);
    const second = await cli();
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('ApprovalRuleTemplateNameAlreadyExistsException');
  });
});
