import type { ListRuleExecutionsInput, ListRuleExecutionsOutput, OverrideStageConditionInput, StageConditionState } from '@aws-sdk/client-codepipeline';
import type { ConditionType, RuleExecutionRecord, Scope, StageDeclaration } from '../../model/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';

import { executionResultOf } from './action-execution-view.js';
import type { CodePipelineDeps } from './deps.js';
import { callEngine } from './engine-errors.js';
import { historyPage, pageOf } from './history-page.js';

type ConditionStateView = HandlerOutput<StageConditionState>;

/** A rule execution as GetPipelineState shows it in `ruleStates[].latestExecution` (`RuleExecution`). */
function ruleLatestExecution(r: RuleExecutionRecord) {
  return {
    ruleExecutionId: r.id,
    status: r.status,
    ...(r.summary !== undefined ? { summary: r.summary } : {}),
    lastStatusChange: toEpochSeconds(r.updatedMs),
    ...(r.updatedBy ? { lastUpdatedBy: r.updatedBy } : {}),
    ...(r.externalExecutionId ? { externalExecutionId: r.externalExecutionId } : {}),
    ...(r.externalExecutionUrl ? { externalExecutionUrl: r.externalExecutionUrl } : {}),
    ...(r.errorDetails ? { errorDetails: r.errorDetails } : {}),
  };
}

const KINDS: [keyof Pick<StageDeclaration, 'beforeEntry' | 'onSuccess' | 'onFailure'>, ConditionType, string][] = [
  ['beforeEntry', 'BEFORE_ENTRY', 'beforeEntryConditionState'],
  ['onSuccess', 'ON_SUCCESS', 'onSuccessConditionState'],
  ['onFailure', 'ON_FAILURE', 'onFailureConditionState'],
];

/** A stage's condition states for GetPipelineState: the latest evaluation of each kind it declares, with its rules' latest runs. */
export function stageConditionStates(deps: CodePipelineDeps, scope: Scope, pipelineName: string, stage: StageDeclaration): Record<string, ConditionStateView> {
  const states: Record<string, ConditionStateView> = {};
  for (const [member, type, field] of KINDS) {
    const declared = stage[member]?.conditions;
    if (!declared?.length) continue;
    const latest = deps.conditions.latestCondition(scope, pipelineName, stage.name, type);
    if (!latest) continue;
    const rules = new Map(deps.conditions.rulesOf(latest.id).map((r) => [r.ruleName, r]));
    const execution = { status: latest.status, ...(latest.summary ? { summary: latest.summary } : {}) };
    states[field] = {
      latestExecution: execution,
      conditionStates: declared.map((condition) => ({
        latestExecution: { ...execution, lastStatusChange: toEpochSeconds(latest.updatedMs) },
        ruleStates: (condition.rules ?? []).map((rule) => {
          const run = rules.get(rule.name);
          return { ruleName: rule.name, ...(run ? { latestExecution: ruleLatestExecution(run) } : {}) };
        }),
      })),
    };
  }
  return states;
}

/** A rule execution as ListRuleExecutions shows it (`RuleExecutionDetail`). */
function ruleExecutionDetail(r: RuleExecutionRecord) {
  return {
    pipelineExecutionId: r.executionId,
    ruleExecutionId: r.id,
    pipelineVersion: r.pipelineVersion,
    stageName: r.stageName,
    ruleName: r.ruleName,
    startTime: toEpochSeconds(r.startMs),
    lastUpdateTime: toEpochSeconds(r.updatedMs),
    ...(r.updatedBy ? { updatedBy: r.updatedBy } : {}),
    status: r.status,
    input: r.input,
    output: { executionResult: executionResultOf(r) },
  };
}

/** ListRuleExecutions: newest first, for the pipeline or one execution (`filter.pipelineExecutionId`), paged. */
export function listRuleExecutions(deps: CodePipelineDeps, input: HandlerInput<ListRuleExecutionsInput>, ctx: RequestContext): HandlerOutput<ListRuleExecutionsOutput> {
  const { executionId, before, pageSize } = historyPage(deps, ctx, input);
  const { page, nextToken } = pageOf(deps.conditions.listRules(ctx, input.pipelineName, executionId, before, pageSize + 1), pageSize);
  return { ruleExecutionDetails: page.map((r) => ruleExecutionDetail(r.record)), ...(nextToken ? { nextToken } : {}) };
}

/** OverrideStageCondition: an entry or success condition counts as met, and a blocked execution goes on. */
export function overrideStageCondition(deps: CodePipelineDeps, input: HandlerInput<OverrideStageConditionInput>, ctx: RequestContext): HandlerOutput<Record<string, never>> {
  callEngine(() => deps.engine.overrideCondition(ctx, input.pipelineName, input.stageName, input.pipelineExecutionId, input.conditionType, ctx.principalArn));
  return {};
}
