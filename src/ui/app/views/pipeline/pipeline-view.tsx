import { useState } from 'preact/hooks';
import { enableStageTransition } from '../../api/codepipeline.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Flash } from '../../components/flash.js';
import { Link } from '../../components/link.js';
import { PageHeader } from '../../components/page-header.js';
import { StatusBadge } from '../../components/status.js';
import { TimeAgo } from '../../components/time.js';
import { shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery, useNow } from '../../lib/use-live-query.js';
import { firstLine } from '../pipelines/pipelines-list.js';
import { DisableTransitionDialog, ReleaseDialog, RetryDialog, ReviewDialog, StopDialog, type PipelineDialog } from './pipeline-dialogs.js';
import { OverrideConditionDialog, RollbackDialog } from './release-safety-dialogs.js';
import { useApprovalLink } from './approval-link.js';
import { loadPipelineView, stageViews, stoppable, type PipelineViewData } from './pipeline-data.js';
import { StageCard, TransitionConnector } from './stage-card.js';

function LatestExecution({ name, data }: { name: string; data: PipelineViewData }) {
  const latest = data.executions[0];
  if (!latest) return <div class="latest muted">This pipeline has not run yet. Release a change to run it.</div>;
  return (
    <div class="latest" data-testid="latest-execution">
      <span>
        Latest execution <Link to={paths.execution(name, latest.pipelineExecutionId)}>{shortId(latest.pipelineExecutionId)}</Link>
      </span>
      <StatusBadge status={latest.status} />
      <span class="muted">
        started <TimeAgo at={latest.startTime} />
        {latest.trigger?.triggerType && <> by {latest.trigger.triggerType}</>}
      </span>
      {(latest.sourceRevisions ?? []).map((r) => (
        <span class="latest-revision" key={r.actionName} title={r.revisionSummary}>
          {r.actionName}: <code>{shortId(r.revisionId)}</code> {r.revisionSummary && <span class="revision-summary">{firstLine(r.revisionSummary)}</span>}
        </span>
      ))}
    </div>
  );
}

function Dialogs(props: { dialog: PipelineDialog; data: PipelineViewData; close: () => void; done: (m?: string) => void }) {
  const { dialog, data } = props;
  const common = { pipeline: data.pipeline.pipeline, onClose: props.close, onDone: props.done };
  switch (dialog.kind) {
    case 'release':
      return <ReleaseDialog {...common} />;
    case 'stop':
      return <StopDialog {...common} executions={stoppable(data.executions)} />;
    case 'retry':
      return <RetryDialog {...common} stageName={dialog.stageName} pipelineExecutionId={dialog.pipelineExecutionId} />;
    case 'disable':
      return <DisableTransitionDialog {...common} stageName={dialog.stageName} />;
    case 'review':
      return <ReviewDialog {...common} stageName={dialog.stageName} action={dialog.action} />;
    case 'override':
      return <OverrideConditionDialog {...common} stageName={dialog.stageName} conditionType={dialog.conditionType} pipelineExecutionId={dialog.pipelineExecutionId} />;
    case 'rollback':
      return <RollbackDialog {...common} stageName={dialog.stageName} currentExecutionId={dialog.currentExecutionId} />;
  }
}

function PipelineHeader(props: { name: string; data?: PipelineViewData; running: boolean; open: (d: PipelineDialog) => void }) {
  const { name, data } = props;
  const declaration = data?.pipeline.pipeline;
  return (
    <PageHeader
      crumbs={[{ label: 'Pipelines', to: paths.pipelines() }, { label: name }]}
      title={name}
      description={
        declaration && (
          <>
            Pipeline type: {declaration.pipelineType ?? 'V1'} · Execution mode: {declaration.executionMode ?? 'SUPERSEDED'} · Version {declaration.version}
          </>
        )
      }
      actions={
        <>
          <Link to={paths.edit(name)} class="btn">
            Edit JSON
          </Link>
          <Link to={paths.history(name)} class="btn">
            Execution history
          </Link>
          <button type="button" class="btn" disabled={!props.running} onClick={() => props.open({ kind: 'stop' })} data-testid="stop-execution">
            Stop execution
          </button>
          <button type="button" class="btn btn-primary" disabled={!data} onClick={() => props.open({ kind: 'release' })} data-testid="release-change">
            Release change
          </button>
        </>
      }
    />
  );
}

/** What the stages ask the page to do: open a dialog, or enable a transition (no dialog: AWS's console asks nothing). */
interface StagesHandlers {
  open: (d: PipelineDialog) => void;
  enable: (stageName: string) => void;
  enabling?: string;
}

function Stages({ name, data, now, handlers }: { name: string; data: PipelineViewData; now: number; handlers: StagesHandlers }) {
  // Stage rollback is a V2 feature, and RollbackStage refuses the source stage and PARALLEL pipelines: those get no button.
  const declaration = data.pipeline.pipeline;
  const rollbackAllowed = declaration.pipelineType === 'V2' && declaration.executionMode !== 'PARALLEL';
  return (
    <div class="pipeline" data-testid="pipeline-stages">
      {stageViews(data).map((stage, i) => {
        const stageName = stage.declaration.name;
        const inbound = stage.state?.inboundExecutions ?? (stage.state?.inboundExecution ? [stage.state.inboundExecution] : []);
        return (
          <div key={stageName}>
            {i > 0 && (
              <TransitionConnector
                pipelineName={name}
                stageName={stageName}
                transition={stage.state?.inboundTransitionState}
                inbound={inbound}
                busy={handlers.enabling === stageName}
                onDisable={() => handlers.open({ kind: 'disable', stageName })}
                onEnable={() => handlers.enable(stageName)}
              />
            )}
            <StageCard
              pipelineName={name}
              view={stage}
              now={now}
              onRetry={(s, id) => handlers.open({ kind: 'retry', stageName: s, pipelineExecutionId: id })}
              onReview={(s, action) => handlers.open({ kind: 'review', stageName: s, action })}
              ruleRuns={data.ruleRuns}
              onOverride={(s, conditionType, id) => handlers.open({ kind: 'override', stageName: s, conditionType, pipelineExecutionId: id })}
              onRollback={
                rollbackAllowed && i > 0 ? (s) => handlers.open({ kind: 'rollback', stageName: s, currentExecutionId: stage.state?.latestExecution?.pipelineExecutionId }) : undefined
              }
            />
          </div>
        );
      })}
    </div>
  );
}

/** Enables a stage's transition, keeping which one is being enabled and the API's error. */
function useEnableTransition(name: string, onEnabled: (message: string) => void) {
  const [enabling, setEnabling] = useState<string>();
  const [error, setError] = useState<unknown>();
  const enable = async (stageName: string) => {
    setEnabling(stageName);
    setError(undefined);
    try {
      await enableStageTransition(name, stageName);
      onEnabled(`Transition to ${stageName} enabled.`);
    } catch (err) {
      setError(err);
    } finally {
      setEnabling(undefined);
    }
  };
  return { enable, enabling, error };
}

/** A pipeline as CodePipeline's console draws it: stages top to bottom, transitions between them, live. */
export function PipelineView({ name }: { name: string }) {
  const query = useLiveQuery(`pipeline:${name}`, (signal) => loadPipelineView(name, signal), (e) => e.pipelineName === name);
  const [dialog, setDialog] = useState<PipelineDialog>();
  const [flash, setFlash] = useState<string>();
  const done = (message?: string) => {
    setDialog(undefined);
    setFlash(message);
    query.reload();
  };
  const transitions = useEnableTransition(name, done);
  const data = query.data;
  // An approval message's review link opens the review of the approval it names.
  useApprovalLink(data, setDialog, setFlash);
  const running = Boolean(data?.executions.some((e) => e.status === 'InProgress' || e.status === 'Stopping'));
  const now = useNow(running);
  const header = <PipelineHeader name={name} data={data} running={running} open={setDialog} />;
  if (!data) {
    return (
      <>
        {header}
        {query.error !== undefined ? <ErrorPanel title={`Pipeline ${name} could not be loaded`} error={query.error} onRetry={query.reload} /> : <Loading what="the pipeline" />}
      </>
    );
  }
  return (
    <>
      {header}
      <Flash message={flash} onDismiss={() => setFlash(undefined)} />
      {query.error !== undefined && <InlineError error={query.error} />}
      <InlineError error={transitions.error} />
      <LatestExecution name={name} data={data} />
      <Stages name={name} data={data} now={now} handlers={{ open: setDialog, enable: transitions.enable, enabling: transitions.enabling }} />
      {dialog && <Dialogs dialog={dialog} data={data} close={() => setDialog(undefined)} done={done} />}
    </>
  );
}
