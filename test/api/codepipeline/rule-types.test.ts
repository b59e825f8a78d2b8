import { ListRuleTypesCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { aws } from '../protocol/tiny/aws-cli.js';

describe('CodePipeline ListRuleTypes', () => {
  const emulator = useTestEmulator();

  it('lists the rule types of stage conditions with their configuration properties', async () => {
    const out = await emulator.client.send(new ListRuleTypesCommand({}));
    expect(out.ruleTypes!.map((t) => t.id?.provider)).toEqual(['VariableCheck', 'DeploymentWindow', 'CloudWatchAlarm', 'LambdaInvoke', 'Commands']);
    const variableCheck = out.ruleTypes!.find((t) => t.id?.provider === 'VariableCheck');
    expect(variableCheck?.id).toEqual({ category: 'Rule', owner: 'AWS', provider: 'VariableCheck', version: '1' });
    expect(variableCheck?.inputArtifactDetails).toEqual({ minimumCount: 0, maximumCount: 0 });
    expect(variableCheck?.ruleConfigurationProperties?.map((p) => [p.name, p.required])).toEqual([['Variable', true], ['Value', true], ['Operator', true]]);
    const window = out.ruleTypes!.find((t) => t.id?.provider === 'DeploymentWindow');
    expect(window?.ruleConfigurationProperties?.find((p) => p.name === 'TimeZone')).toMatchObject({ required: false, key: false, secret: false });
  });

  it('filters by owner AWS and refuses any other owner as the model does', async () => {
    const out = await emulator.client.send(new ListRuleTypesCommand({ ruleOwnerFilter: 'AWS', regionFilter: 'eu-west-1' }));
    expect(out.ruleTypes).toHaveLength(5);
    const refused = await aws(emulator.env.url, ['codepipeline', 'list-rule-types', '--rule-owner-filter', 'Custom']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('ValidationException');
  });

  it('answers the aws CLI', async () => {
    const out = await aws(emulator.env.url, ['codepipeline', 'list-rule-types', '--query', 'ruleTypes[].id.provider']);
    expect(out.code).toBe(0);
    expect(out.json).toContain('DeploymentWindow');
  });
});
