import type { ConditionDeclaration, PipelineDeclaration, RuleDeclaration, StageDeclaration } from '../pipeline-declaration.js';
import { findRuleType } from '../rule-types.js';
import { firstDuplicate } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

type ConditionKind = 'beforeEntry' | 'onSuccess' | 'onFailure';

/** The results each kind of condition may declare (AWS's stage conditions reference). */
const ALLOWED_RESULTS: Record<ConditionKind, readonly string[]> = {
  beforeEntry: ['FAIL', 'SKIP'],
  onSuccess: ['ROLLBACK', 'FAIL'],
  onFailure: ['ROLLBACK', 'RETRY', 'FAIL'],
};

function checkRule(stage: StageDeclaration, kind: ConditionKind, rule: RuleDeclaration): StructureProblem | undefined {
  const type = findRuleType(rule.ruleTypeId);
  if (!type) return problems.ruleTypeNotAvailable(stage.name, rule.name, rule.ruleTypeId);
  const config = rule.configuration ?? {};
  const missing = type.ruleConfigurationProperties.find((p) => p.required && !(p.name in config));
  if (missing) return problems.ruleMissingConfiguration(rule.name, missing.name);
  const known = new Set(type.ruleConfigurationProperties.map((p) => p.name));
  const unknown = Object.keys(config).find((k) => !known.has(k));
  if (unknown) return problems.ruleUnknownConfiguration(rule.name, unknown);
  const inputs = rule.inputArtifacts?.length ?? 0;
  if (inputs > type.inputArtifactDetails.maximumCount) return problems.ruleTooManyInputs(rule.name, inputs, type.inputArtifactDetails.maximumCount);
  const isCommands = type.id.provider === 'Commands';
  if (isCommands && !rule.commands?.length) return problems.ruleCommandsMissing(rule.name);
  if (!isCommands && rule.commands !== undefined) return problems.ruleCommandsNotAllowed(rule.name);
  return undefined;
}

function checkCondition(stage: StageDeclaration, kind: ConditionKind, condition: ConditionDeclaration, inheritedResult?: string): StructureProblem | undefined {
  const result = condition.result ?? inheritedResult;
  if (result !== undefined && !ALLOWED_RESULTS[kind].includes(result)) return problems.conditionResult(stage.name, kind, result, ALLOWED_RESULTS[kind]);
  const rules = condition.rules ?? [];
  if (rules.length === 0) return problems.conditionWithoutRules(stage.name, kind);
  const twice = firstDuplicate(rules, (r) => r.name);
  if (twice) return problems.duplicateRuleName(stage.name, twice.name);
  for (const rule of rules) {
    const problem = checkRule(stage, kind, rule);
    if (problem) return problem;
  }
  return undefined;
}

function checkStageConditions(stage: StageDeclaration): StructureProblem | undefined {
  const onFailure = stage.onFailure;
  if (onFailure?.result !== undefined && !ALLOWED_RESULTS.onFailure.includes(onFailure.result)) {
    return problems.conditionResult(stage.name, 'onFailure', onFailure.result, ALLOWED_RESULTS.onFailure);
  }
  const groups: [ConditionKind, ConditionDeclaration[], string | undefined][] = [
    ['beforeEntry', stage.beforeEntry?.conditions ?? [], undefined],
    ['onSuccess', stage.onSuccess?.conditions ?? [], undefined],
    ['onFailure', onFailure?.conditions ?? [], onFailure?.result],
  ];
  for (const [kind, conditions, inherited] of groups) {
    for (const condition of conditions) {
      const problem = checkCondition(stage, kind, condition, inherited);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Checks each stage's conditions: the results its kind allows, at least one rule, known rule types and their configuration. */
export function checkConditions(decl: PipelineDeclaration): StructureProblem | undefined {
  for (const stage of decl.stages) {
    const problem = checkStageConditions(stage);
    if (problem) return problem;
  }
  return undefined;
}
