import type { ListRuleTypesInput, ListRuleTypesOutput, RuleConfigurationProperty, RuleType } from '@aws-sdk/client-codepipeline';
import type { HandlerInput, HandlerOutput } from '../protocol/index.js';

function property(name: string, required: boolean, description: string): RuleConfigurationProperty {
  // AWS's own ListRuleTypes output was not captured: required/key follow the rule reference pages, the rest is inferred.
  return { name, required, key: required, secret: false, queryable: false, description, type: 'String' };
}

function ruleType(provider: string, properties: RuleConfigurationProperty[], maximumInputs = 0): RuleType {
  return { id: { category: 'Rule', owner: 'AWS', provider, version: '1' }, ruleConfigurationProperties: properties, inputArtifactDetails: { minimumCount: 0, maximumCount: maximumInputs } };
}

/** The rule types of stage conditions, with the configuration keys AWS's rule reference documents for each. */
export const ruleTypes: readonly RuleType[] = [
  ruleType('VariableCheck', [
    property('Variable', true, 'The pipeline variable to check, such as #{SourceVariables.RepositoryName}'),
    property('Value', true, 'The value to compare the variable with'),
    property('Operator', true, 'EQ, NE, CONTAINS or MATCHES'),
  ]),
  ruleType('DeploymentWindow', [
    property('Cron', true, 'The window, as a cron expression: seconds minutes hours day-of-month month day-of-week [year]'),
    property('TimeZone', false, 'The time zone of the window (default UTC)'),
  ]),
  ruleType('CloudWatchAlarm', [
    property('AlarmName', true, 'The CloudWatch alarm to check'),
    property('AlarmStates', false, 'The alarm states that meet the condition (ALARM, OK, INSUFFICIENT_DATA)'),
    property('WaitTime', false, 'Minutes to wait for the alarm to change state'),
  ]),
  ruleType('LambdaInvoke', [property('FunctionName', true, 'The Lambda function to invoke'), property('UserParameters', false, 'A string handed to the function')], 5),
  ruleType('Commands', [], 5),
];

/** ListRuleTypes: every rule type (all owned by AWS), whatever the region filter; not paginated. */
export function listRuleTypes(input: HandlerInput<ListRuleTypesInput>): HandlerOutput<ListRuleTypesOutput> {
  return { ruleTypes: ruleTypes.filter((t) => !input.ruleOwnerFilter || t.id?.owner === input.ruleOwnerFilter) };
}
