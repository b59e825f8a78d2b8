import type { ActionConfigurationProperty, ArtifactDetails } from './action-type-shapes.js';
import type { RuleTypeId } from './pipeline-declaration.js';

/** A rule type of V2 stage conditions, as ListRuleTypes lists it (`RuleType`). */
export interface RuleTypeDefinition {
  id: { category: 'Rule'; owner: 'AWS'; provider: string; version: string };
  ruleConfigurationProperties: ActionConfigurationProperty[];
  inputArtifactDetails: ArtifactDetails;
}

function property(name: string, required: boolean, description: string): ActionConfigurationProperty {
  // AWS's own ListRuleTypes output was not captured: required/key follow the rule reference pages, the rest is inferred.
  return { name, required, key: required, secret: false, queryable: false, description, type: 'String' };
}

function ruleType(provider: string, properties: ActionConfigurationProperty[], maximumInputs = 0): RuleTypeDefinition {
  return { id: { category: 'Rule', owner: 'AWS', provider, version: '1' }, ruleConfigurationProperties: properties, inputArtifactDetails: { minimumCount: 0, maximumCount: maximumInputs } };
}

/** The rule types of stage conditions, with the configuration keys AWS's rule reference documents for each. */
export const ruleTypes: readonly RuleTypeDefinition[] = [
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

/** Returns the rule type a rule declaration names (owner AWS and version 1 when left out), or undefined. */
export function findRuleType(id: RuleTypeId): RuleTypeDefinition | undefined {
  return ruleTypes.find((t) => t.id.category === id.category && t.id.owner === (id.owner ?? 'AWS') && t.id.provider === id.provider && t.id.version === (id.version ?? '1'));
}
