import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';

const RULE_ARN = /^arn:aws:codestar-notifications:us-east-1:000000000000:notificationrule\/[0-9a-f]{40}$/;

describe('CodeStar Notifications through the AWS CLI', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(async () => env?.close());

  const run = (...args: string[]) => aws(env.url, ['codestar-notifications', ...args]);
  const ok = async (...args: string[]) => {
    const r = await run(...args);
    if (r.code !== 0) throw new Error(`aws codestar-notifications ${args.join(' ')} failed: ${r.stderr}`);
    return r.json;
  };
  const topic = async (name: string) => {
    const r = await aws(env.url, ['sns', 'create-topic', '--name', name]);
    return r.json.TopicArn as string;
  };

  it("lists AWS's event types, filtered by service", async () => {
    const { EventTypes } = await ok('list-event-types', '--filters', 'Name=SERVICE_NAME,Value=CodeDeploy');
    expect(EventTypes).toContainEqual({ EventTypeId: 'codedeploy-application-deployment-succeeded', ServiceName: 'CodeDeploy', EventTypeName: 'Deployment: Succeeded', ResourceType: 'Application' });
    expect(EventTypes.every((t: { ServiceName: string }) => t.ServiceName === 'CodeDeploy')).toBe(true);
    const pipeline = (await ok('list-event-types', '--filters', 'Name=RESOURCE_TYPE,Value=Pipeline')).EventTypes.map((t: { EventTypeId: string }) => t.EventTypeId);
    expect(pipeline).toEqual(expect.arrayContaining(['codepipeline-pipeline-pipeline-execution-failed', 'codepipeline-pipeline-manual-approval-needed', 'codepipeline-pipeline-action-execution-canceled']));
    expect(pipeline).toHaveLength(18);
  });

  it('creates, describes, lists, updates, subscribes, tags and deletes a rule', async () => {
    const name = uniqueName('rule');
    const pipelineArn = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${name}`;
    const first = await topic(uniqueName('t1'));
    const second = await topic(uniqueName('t2'));
    const { Arn } = await ok(
      'create-notification-rule',
      '--name', name,
      '--resource', pipelineArn,
      '--event-type-ids', 'codepipeline-pipeline-pipeline-execution-failed', 'codepipeline-pipeline-manual-approval-needed',
      '--targets', `TargetType=SNS,TargetAddress=${first}`,
      '--detail-type', 'FULL',
      '--tags', 'team=web',
    );
    expect(Arn).toMatch(RULE_ARN);
    const described = await ok('describe-notification-rule', '--arn', Arn);
    expect(described).toMatchObject({
      Arn,
      Name: name,
      Resource: pipelineArn,
      DetailType: 'FULL',
      Status: 'ENABLED',
      CreatedBy: `arn:aws:iam::${TEST_ACCOUNT}:root`,
      Targets: [{ TargetAddress: first, TargetType: 'SNS', TargetStatus: 'ACTIVE' }],
      Tags: { team: 'web' },
    });
    expect(described.EventTypes).toContainEqual({ EventTypeId: 'codepipeline-pipeline-manual-approval-needed', ServiceName: 'CodePipeline', EventTypeName: 'Manual approval: Needed', ResourceType: 'Pipeline' });
    // CLI v1 prints timestamps as epoch seconds unless told iso8601.
    expect(Math.abs(described.CreatedTimestamp * 1000 - Date.now())).toBeLessThan(3_600_000);

    const byResource = await ok('list-notification-rules', '--filters', `Name=RESOURCE,Value=${pipelineArn}`);
    expect(byResource.NotificationRules).toEqual([{ Id: Arn.split('/')[1], Arn }]);
    expect((await ok('list-notification-rules', '--filters', 'Name=EVENT_TYPE_ID,Value=codepipeline-pipeline-stage-execution-started', `Name=RESOURCE,Value=${pipelineArn}`)).NotificationRules).toEqual([]);

    await ok('update-notification-rule', '--arn', Arn, '--status', 'DISABLED', '--detail-type', 'BASIC');
    await ok('subscribe', '--arn', Arn, '--target', `TargetType=SNS,TargetAddress=${second}`);
    expect(await ok('describe-notification-rule', '--arn', Arn)).toMatchObject({ Status: 'DISABLED', DetailType: 'BASIC', Targets: [{ TargetAddress: first }, { TargetAddress: second }] });
    await ok('unsubscribe', '--arn', Arn, '--target-address', first);
    const targets = (await ok('list-targets', '--filters', 'Name=TARGET_TYPE,Value=SNS')).Targets;
    expect(targets).toEqual(expect.arrayContaining([{ TargetAddress: first, TargetType: 'SNS', TargetStatus: 'ACTIVE' }, { TargetAddress: second, TargetType: 'SNS', TargetStatus: 'ACTIVE' }]));
    await ok('delete-target', '--target-address', first);
    const inUse = await run('delete-target', '--target-address', second);
    expect(inUse.stderr).toContain('An error occurred (ValidationException) when calling the DeleteTarget operation');
    await ok('delete-target', '--target-address', second, '--force-unsubscribe-all');
    expect((await ok('describe-notification-rule', '--arn', Arn)).Targets).toEqual([]);

    expect((await ok('tag-resource', '--arn', Arn, '--tags', 'env=dev')).Tags).toEqual({ team: 'web', env: 'dev' });
    await ok('untag-resource', '--arn', Arn, '--tag-keys', 'team');
    expect((await ok('list-tags-for-resource', '--arn', Arn)).Tags).toEqual({ env: 'dev' });

    expect(await ok('delete-notification-rule', '--arn', Arn)).toEqual({ Arn });
    const gone = await run('describe-notification-rule', '--arn', Arn);
    expect(gone.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the DescribeNotificationRule operation');
  });

  it("answers the service's errors for bad rules", async () => {
    const name = uniqueName('bad');
    const pipelineArn = `arn:aws:codepipeline:us-east-1:${TEST_ACCOUNT}:${name}`;
    const target = `TargetType=SNS,TargetAddress=${await topic(uniqueName('t'))}`;
    const create = (rule: string, resource: string, eventType: string) =>
      run('create-notification-rule', '--name', rule, '--resource', resource, '--event-type-ids', eventType, '--targets', target, '--detail-type', 'BASIC');
    const mismatch = await create(name, pipelineArn, 'codebuild-project-build-state-failed');
    expect(mismatch.stderr).toContain('An error occurred (ValidationException) when calling the CreateNotificationRule operation: Event type codebuild-project-build-state-failed does not apply to the resource');
    await ok('create-notification-rule', '--name', name, '--resource', pipelineArn, '--event-type-ids', 'codepipeline-pipeline-pipeline-execution-failed', '--targets', target, '--detail-type', 'BASIC');
    const duplicate = await create(name, pipelineArn, 'codepipeline-pipeline-pipeline-execution-failed');
    expect(duplicate.stderr).toContain('An error occurred (ResourceAlreadyExistsException) when calling the CreateNotificationRule operation');
    const badName = await create('no/slash', pipelineArn, 'codepipeline-pipeline-pipeline-execution-failed');
    expect(badName.stderr).toContain('(ValidationException)');
  });
});
