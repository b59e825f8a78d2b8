import type { ExecutionRef, TransitionState } from '../../api/codepipeline.js';
import { Link } from '../../components/link.js';
import { StatusBadge } from '../../components/status.js';
import { TimeAgo } from '../../components/time.js';
import { shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { toneOf } from '../../lib/status.js';
import { ActionCard } from './action-card.js';
import type { ActionView, StageView } from './pipeline-data.js';

/** What a stage card can ask the pipeline view to do. */
export interface StageHandlers {
  onRetry(stageName: string, pipelineExecutionId: string): void;
  onReview(stageName: string, view: ActionView): void;
}

/** One stage: its status and execution, its actions in runOrder rows, and a retry when it failed or stopped. */
export function StageCard(props: { pipelineName: string; view: StageView; now: number } & StageHandlers) {
  const { view, pipelineName } = props;
  const name = view.declaration.name;
  const latest = view.state?.latestExecution;
  const retryable = latest && (latest.status === 'Failed' || latest.status === 'Stopped');
  const attempts = view.state?.retryStageMetadata?.manualStageRetryAttempt;
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
            {attempts ? <span class="muted"> · retried {attempts}×</span> : null}
          </span>
        )}
        {retryable && (
          <button type="button" class="btn btn-small stage-retry" onClick={() => props.onRetry(name, latest.pipelineExecutionId)} data-testid={`retry-${name}`}>
            Retry
          </button>
        )}
      </header>
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
