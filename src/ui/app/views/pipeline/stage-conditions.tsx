import type { RuleExecutionDetail, RuleState, StageConditionState, StageState } from '../../api/codepipeline.js';
import { ExternalLink } from '../../components/external-link.js';
import { StatusBadge } from '../../components/status.js';
import { Duration, TimeAgo } from '../../components/time.js';
import { safeHref } from '../../lib/safe-href.js';
import { toneOf } from '../../lib/status.js';
import type { StageView } from './pipeline-data.js';

/** The three kinds of stage conditions, as the declaration, GetPipelineState and OverrideStageCondition name them. */
export type ConditionKind = 'BEFORE_ENTRY' | 'ON_SUCCESS' | 'ON_FAILURE';

interface RuleDeclarationView {
  name: string;
  ruleTypeId?: { provider?: string };
}

interface ConditionDeclarationView {
  result?: string;
  rules?: RuleDeclarationView[];
}

const KINDS: { kind: ConditionKind; member: 'beforeEntry' | 'onSuccess' | 'onFailure'; state: 'beforeEntryConditionState' | 'onSuccessConditionState' | 'onFailureConditionState'; label: string }[] = [
  { kind: 'BEFORE_ENTRY', member: 'beforeEntry', state: 'beforeEntryConditionState', label: 'Entry condition' },
  { kind: 'ON_SUCCESS', member: 'onSuccess', state: 'onSuccessConditionState', label: 'Success condition' },
  { kind: 'ON_FAILURE', member: 'onFailure', state: 'onFailureConditionState', label: 'Failure condition' },
];

/** One declared kind of conditions of a stage with its latest evaluation. */
export interface ConditionsView {
  kind: ConditionKind;
  label: string;
  /** What happens to the stage: when entry or success conditions are not met (FAIL, SKIP, ROLLBACK), when failure conditions are met (ROLLBACK, RETRY, FAIL). */
  result?: string;
  conditions: ConditionDeclarationView[];
  state?: StageConditionState;
}

/** The conditions a stage declares, each kind with its latest state. */
export function conditionsOf(declaration: StageView['declaration'], state: StageState | undefined): ConditionsView[] {
  return KINDS.flatMap(({ kind, member, state: field, label }) => {
    const declared = declaration[member] as { result?: string; conditions?: ConditionDeclarationView[] } | undefined;
    if (!declared?.conditions?.length) return [];
    return [{ kind, label, result: declared.result ?? declared.conditions[0]?.result, conditions: declared.conditions, state: state?.[field] }];
  });
}

/** Whether a condition can be overridden now: an entry or success condition being evaluated or failed (AWS overrides no failure condition). */
export function overridable(view: ConditionsView): boolean {
  const status = view.state?.latestExecution?.status;
  return view.kind !== 'ON_FAILURE' && (status === 'InProgress' || status === 'Failed');
}

/** The execution a condition's latest evaluation belongs to: its rules' runs say it; else the stage's latest or waiting execution. */
export function conditionExecutionId(view: ConditionsView, ruleRuns: Map<string, RuleExecutionDetail>, stage: StageState | undefined): string | undefined {
  for (const condition of view.state?.conditionStates ?? []) {
    for (const rule of condition.ruleStates ?? []) {
      const run = rule.latestExecution?.ruleExecutionId ? ruleRuns.get(rule.latestExecution.ruleExecutionId) : undefined;
      if (run) return run.pipelineExecutionId;
    }
  }
  return stage?.latestExecution?.pipelineExecutionId ?? stage?.inboundExecution?.pipelineExecutionId;
}

/** A rule's configuration as it ran (variables resolved), in one line. */
function configurationLine(run: RuleExecutionDetail | undefined): string | undefined {
  const config = run?.input?.resolvedConfiguration ?? run?.input?.configuration;
  if (!config || !Object.keys(config).length) return undefined;
  return Object.entries(config)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
}

function Rule(props: { stageName: string; declaration: RuleDeclarationView; state?: RuleState; run?: RuleExecutionDetail; now: number }) {
  const { declaration, state, run } = props;
  const latest = state?.latestExecution;
  const running = latest?.status === 'InProgress';
  const config = configurationLine(run);
  const error = latest?.errorDetails?.message;
  return (
    <li class={`rule tone-${toneOf(latest?.status)}`} data-testid={`rule-${props.stageName}-${declaration.name}`} data-status={latest?.status ?? 'None'}>
      <div class="rule-head">
        <span class="rule-name">{declaration.name}</span>
        {declaration.ruleTypeId?.provider && <span class="action-provider">{declaration.ruleTypeId.provider}</span>}
        <StatusBadge status={latest?.status} />
        {run?.startTime !== undefined && (
          <span class="muted small">
            <TimeAgo at={run.startTime} now={props.now} /> · <Duration from={run.startTime} to={running ? undefined : run.lastUpdateTime} now={props.now} />
          </span>
        )}
      </div>
      {latest?.summary && (
        <div class="rule-summary" title={latest.summary}>
          {latest.summary}
        </div>
      )}
      {error && error !== latest?.summary && <div class="action-error">{error}</div>}
      {config && (
        <div class="rule-config muted small" title={config}>
          {config}
        </div>
      )}
      {safeHref(latest?.externalExecutionUrl) && (
        <ExternalLink url={latest?.externalExecutionUrl} class="action-link">
          Rule details ↗
        </ExternalLink>
      )}
    </li>
  );
}

/** One kind of a stage's conditions: its latest status and summary, each rule's run, and Override when AWS allows it. */
export function StageConditions(props: { stageName: string; view: ConditionsView; ruleRuns: Map<string, RuleExecutionDetail>; now: number; onOverride?: () => void }) {
  const { view, stageName } = props;
  const latest = view.state?.latestExecution;
  return (
    <div class={`condition tone-${toneOf(latest?.status)}`} data-testid={`condition-${stageName}-${view.kind}`} data-status={latest?.status ?? 'None'}>
      <div class="condition-head">
        <span class="condition-kind">{view.label}</span>
        {view.result && <span class="muted small">{view.kind === 'ON_FAILURE' ? 'when met' : 'when not met'}: {view.result}</span>}
        <StatusBadge status={latest?.status} />
        {props.onOverride && (
          <button type="button" class="btn btn-small" onClick={props.onOverride} data-testid={`override-${stageName}-${view.kind}`}>
            Override
          </button>
        )}
      </div>
      {latest?.summary && <div class="condition-summary">{latest.summary}</div>}
      {view.conditions.map((condition, i) => {
        const ruleStates = new Map((view.state?.conditionStates?.[i]?.ruleStates ?? []).map((r) => [r.ruleName, r]));
        return (
          <ul class="rules" key={i}>
            {(condition.rules ?? []).map((rule) => {
              const state = ruleStates.get(rule.name);
              const id = state?.latestExecution?.ruleExecutionId;
              return <Rule key={rule.name} stageName={stageName} declaration={rule} state={state} run={id ? props.ruleRuns.get(id) : undefined} now={props.now} />;
            })}
          </ul>
        );
      })}
    </div>
  );
}
