import type { ConditionType, RuleDeclaration, RuleExecutionRecord, StageDeclaration } from '../../model/index.js';
import { resolveInputArtifacts, succeededActions, variableScope } from '../action-inputs.js';
import type { EngineCore, LiveExecution } from '../engine-core.js';
import { resolveVariables } from '../variables.js';
import { cloudWatchAlarmRule } from './cloudwatch-alarm-rule.js';
import { commandsRule } from './commands-rule.js';
import { deploymentWindowRule } from './deployment-window-rule.js';
import { lambdaInvokeRule } from './lambda-invoke-rule.js';
import { ruleError, type RuleEvaluator, type RuleOutcome } from './rule-run.js';
import { variableCheckRule } from './variable-check-rule.js';

const EVALUATORS: Record<string, RuleEvaluator> = {
  VariableCheck: variableCheckRule,
  DeploymentWindow: deploymentWindowRule,
  CloudWatchAlarm: cloudWatchAlarmRule,
  LambdaInvoke: lambdaInvokeRule,
  Commands: commandsRule,
};

/** How one rule's run ended: its outcome, or abandoned (its result stopped mattering), or cut short by a shutdown. */
export type RuleEnding = { kind: 'outcome'; ruleName: string; outcome: RuleOutcome } | { kind: 'abandoned' } | { kind: 'halted' };

/** Where a rule runs: its execution, stage and condition evaluation. */
export interface RulePlace {
  live: LiveExecution;
  stage: StageDeclaration;
  conditionType: ConditionType;
  conditionExecutionId: string;
}

function newRecord(core: EngineCore, place: RulePlace, rule: RuleDeclaration, resolved: Record<string, string>): RuleExecutionRecord {
  const { live } = place;
  const now = core.clock.now();
  const inputs = resolveInputArtifacts(core, rule, succeededActions(core, live.record)).details;
  return {
    id: core.ids.uuid(),
    conditionExecutionId: place.conditionExecutionId,
    executionId: live.record.id,
    account: live.record.account,
    region: live.record.region,
    pipelineName: live.record.pipelineName,
    pipelineVersion: live.record.pipelineVersion,
    stageName: place.stage.name,
    conditionType: place.conditionType,
    ruleName: rule.name,
    status: 'InProgress',
    startMs: now,
    updatedMs: now,
    input: {
      ruleTypeId: { category: 'Rule', owner: rule.ruleTypeId.owner ?? 'AWS', provider: rule.ruleTypeId.provider, version: rule.ruleTypeId.version ?? '1' },
      configuration: rule.configuration ?? {},
      resolvedConfiguration: resolved,
      ...(rule.roleArn ? { roleArn: rule.roleArn } : {}),
      region: rule.region ?? live.record.region,
      inputArtifacts: inputs,
    },
  };
}

/** Runs one rule of a condition, recording it from start to end; `signal` abandons it. */
export async function runRule(core: EngineCore, place: RulePlace, rule: RuleDeclaration, signal: AbortSignal): Promise<RuleEnding> {
  const configuration = rule.configuration ?? {};
  const resolution = resolveVariables(configuration, variableScope(place.live, succeededActions(core, place.live.record)));
  let record = newRecord(core, place, rule, resolution.ok ? resolution.configuration : configuration);
  core.recorder.startRule(record);
  const evaluator = EVALUATORS[rule.ruleTypeId.provider];
  let outcome: RuleOutcome | undefined;
  try {
    if (!resolution.ok) outcome = ruleError(`A rule in this pipeline failed because one or more variables could not be resolved: Rule name=${rule.name}`); // modelled on AWS's action message
    else if (!evaluator) outcome = ruleError(`The rule type ${rule.ruleTypeId.provider} is not emulated by codepipeline-local yet`);
    else {
      outcome = await evaluator({
        core,
        live: place.live,
        stage: place.stage,
        rule,
        configuration: record.input.resolvedConfiguration,
        record,
        signal,
        progress: (update) => {
          if (record.status === 'InProgress' && !core.closing) record = core.recorder.moveRule(record, 'InProgress', progressPatch(update));
        },
      });
    }
  } catch (error) {
    // A rule stopped through its signal throws: it is abandoned, not failed.
    if (!signal.aborted) outcome = ruleError(`The rule failed unexpectedly: ${(error as Error).message}`, 'JobFailed');
  }
  if (core.closing) return { kind: 'halted' };
  if (outcome === undefined) {
    core.recorder.moveRule(record, 'Abandoned');
    return { kind: 'abandoned' };
  }
  core.recorder.moveRule(record, outcome.passed ? 'Succeeded' : 'Failed', {
    summary: outcome.summary,
    ...progressPatch(outcome),
    ...(outcome.errorDetails ? { errorDetails: outcome.errorDetails } : {}),
  });
  return { kind: 'outcome', ruleName: rule.name, outcome };
}

function progressPatch(update: { summary?: string; externalExecutionId?: string; externalExecutionUrl?: string }): Partial<RuleExecutionRecord> {
  return {
    ...(update.summary !== undefined ? { summary: update.summary } : {}),
    ...(update.externalExecutionId ? { externalExecutionId: update.externalExecutionId } : {}),
    ...(update.externalExecutionUrl ? { externalExecutionUrl: update.externalExecutionUrl } : {}),
  };
}
