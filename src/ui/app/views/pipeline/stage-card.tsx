import type { ExecutionRef, RuleExecutionDetail, TransitionState } from '../../api/codepipeline.js';
import { Link } from '../../components/link.js';
import { StatusBadge } from '../../components/status.js';
import { TimeAgo } from '../../components/time.js';
import { shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { toneOf } from '../../lib/status.js';
import { ActionCard } from './action-card.js';
import type { ActionView, StageView } from './pipeline-data.js';
import { conditionExecutionId, conditionsOf, overridable, StageConditions, type ConditionKind, type ConditionsView } from './stage-conditions.js';

/** What a stage card can ask the pipeline view to do. */
export interface StageHandlers {
  onRetry(stageName: string, pipelineExecutionId: string): void;
  onReview(stageName: string, view: ActionView): void;
  onOverride(stageName: string, kind: Exclude<ConditionKind, 'ON_FAILURE'>, pipelineExecutionId: string): void;
  /** Opens the rollback dialog; absent where AWS allows no rollback (the source stage, PARALLEL pipelines). */
  onRollback?: (stageName: string) => void;
}

/** How the stage was retried: `Automatic retry 1` (onFailure RETRY), and manual retries counted. */
function RetryAttempts({ view }: { view: StageView }) {
  const meta = view.state?.retryStageMetadata;
  if (!meta?.autoStageRetryAttempt && !meta?.manualStageRetryAttempt) return null;
  return (
    <span class="muted" data-testid={`retries-${view.declaration.name}`} title={meta.latestRetryTrigger ? `Latest retry: ${meta.latestRetryTrigger}` : undefined}>
      {meta.autoStageRetryAttempt ? <span class="tag">Automatic retry {meta.autoStageRetryAttempt}</span> : null}
      {meta.manualStageRetryAttempt ? <> {meta.autoStageRetryAttempt ? '· ' : ''}retried {meta.manualStageRetryAttempt}×</> : null}
    </span>
  );
}

/** One stage: its status and execution, its conditions around its actions in runOrder rows, retry and rollback. */
export function StageCard(props: { pipelineName: string; view: StageView; ruleRuns: Map<string, RuleExecutionDetail>; now: number } & StageHandlers) {
  const { view, pipelineName } = props;
  const name = view.declaration.name;
  const latest = view.state?.latestExecution;
  const retryable = latest && (latest.status === 'Failed' || latest.status === 'Stopped');
  const conditions = conditionsOf(view.declaration, view.state);
  const drawConditions = (list: ConditionsView[]) =>
    list.map((c) => {
      const id = overridable(c) ? conditionExecutionId(c, props.ruleRuns, view.state) : undefined;
      const kind = c.kind;
      const onOverride = id && kind !== 'ON_FAILURE' ? () => props.onOverride(name, kind, id) : undefined;
      return <StageConditions key={kind} stageName={name} view={c} ruleRuns={props.ruleRuns} now={props.now} onOverride={onOverride} />;
    });
  const onRollback = props.onRollback;
  return (
    <section class={`stage tone-${toneOf(latest?.status)}`} data-testid={`stage-${name}`} data-status={latest?.status ?? 'None'} aria-label={`Stage ${name}`}>
      <header class="stage-head">
        <h2 class="stage-name">{name}</h2>
        <StatusBadge status={latest?.status} />
        {latest && (
          <span class="stage-execution">
            Pipeline execution ID:{' '}
            <Link to={paths.execution(pipelineName, latest.pipelineExecutionId)} title={latest.pipelineExecutionId}>
              {shortId(latest.pipelineExecutionId)}
            </Link>
            {latest.type === 'ROLLBACK' && <span class="tag">Rollback</span>}
          </span>
        )}
        <RetryAttempts view={view} />
        {latest?.status === 'Skipped' && <span class="muted small">Skipped: its entry conditions were not met</span>}
        <span class="stage-buttons">
          {retryable && (
            <button type="button" class="btn btn-small" onClick={() => props.onRetry(name, latest.pipelineExecutionId)} data-testid={`retry-${name}`}>
              Retry
            </button>
          )}
          {onRollback && (
            <button type="button" class="btn btn-small" disabled={latest?.status === 'InProgress'} onClick={() => onRollback(name)} data-testid={`rollback-${name}`}>
              Roll back
            </button>
          )}
        </span>
      </header>
      {drawConditions(conditions.filter((c) => c.kind === 'BEFORE_ENTRY'))}
      <div class="stage-body">
        {view.groups.map((group, i) => (
          <div class="action-row" key={i}>
            {group.map((a) => (
              <ActionCard
                key={a.declaration.name}
                pipelineName={pipelineName}
                view={a}
                fallbackExecutionId={latest?.pipelineExecutionId}
                now={props.now}
                onReview={() => props.onReview(name, a)}
              />
            ))}
          </div>
        ))}
      </div>
      {drawConditions(conditions.filter((c) => c.kind !== 'BEFORE_ENTRY'))}
    </section>
  );
}

/** The inbound transition of a stage, drawn between it and the stage before: enabled, or disabled with its reason. */
export function TransitionConnector(props: {
  pipelineName: string;
  stageName: string;
  transition?: TransitionState;
  inbound: ExecutionRef[];
  busy: boolean;
  onDisable(): void;
  onEnable(): void;
}) {
  const enabled = props.transition?.enabled ?? true;
  return (
    <div class={`transition ${enabled ? 'transition-enabled' : 'transition-disabled'}`} data-testid={`transition-${props.stageName}`} data-enabled={String(enabled)}>
      <div class="transition-line" aria-hidden="true" />
      <div class="transition-controls">
        {enabled ? (
          <button type="button" class="btn btn-small btn-ghost" disabled={props.busy} onClick={props.onDisable} data-testid={`disable-${props.stageName}`}>
            Disable transition
          </button>
        ) : (
          <>
            <span class="transition-reason">
              Transition disabled{props.transition?.disabledReason ? `: ${props.transition.disabledReason}` : ''}
              {props.transition?.lastChangedAt !== undefined && (
                <span class="muted">
                  {' '}
                  (<TimeAgo at={props.transition.lastChangedAt} />)
                </span>
              )}
            </span>
            <button type="button" class="btn btn-small" disabled={props.busy} onClick={props.onEnable} data-testid={`enable-${props.stageName}`}>
              Enable transition
            </button>
          </>
        )}
        {props.inbound.map((e) => (
          <span class="inbound" key={e.pipelineExecutionId}>
            <StatusBadge status={e.status} label="Waiting" />{' '}
            <Link to={paths.execution(props.pipelineName, e.pipelineExecutionId)}>{shortId(e.pipelineExecutionId)}</Link>
          </span>
        ))}
      </div>
    </div>
  );
}
