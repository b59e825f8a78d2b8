import type { ConditionDeclaration, PipelineDeclaration, RuleDeclaration, StageDeclaration } from '../../src/model/index.js';
import { localPipeline, testAction } from './local-pipelines.js';

/** A rule of an AWS rule type. */
export function rule(name: string, provider: string, configuration: Record<string, string> = {}, extra: Partial<RuleDeclaration> = {}): RuleDeclaration {
  return { name, ruleTypeId: { category: 'Rule', owner: 'AWS', provider, version: '1' }, configuration, ...extra };
}

/** A VariableCheck rule comparing a variable with a value. */
export function variableCheck(name: string, variable: string, operator: string, value: string): RuleDeclaration {
  return rule(name, 'VariableCheck', { Variable: variable, Operator: operator, Value: value });
}

/** V2: Source -> Deploy (its conditions as given) -> After; Deploy emits DeployVariables.health = its Health configuration. */
export function gatedPipeline(name: string, deploy: Partial<StageDeclaration>, extra: Partial<PipelineDeclaration> = {}): PipelineDeclaration {
  const configuration = { Summary: 'deploying #{variables.Release}', OutputVariables: '{"health":"#{variables.Health}"}' };
  return localPipeline(
    name,
    [
      { name: 'Deploy', actions: [testAction('Deploy', 'Deploy', configuration, { namespace: 'DeployVariables' })], ...deploy },
      { name: 'After', actions: [testAction('After', 'Test')] },
    ],
    {
      pipelineType: 'V2',
      variables: [
        { name: 'Release', defaultValue: 'v1' },
        { name: 'Health', defaultValue: 'ok' },
      ],
      ...extra,
    },
  );
}

/** A stage's beforeEntry member holding one condition. */
export function entry(condition: ConditionDeclaration): Partial<StageDeclaration> {
  return { beforeEntry: { conditions: [condition] } };
}
