import { useState } from 'preact/hooks';
import type { ActionExecutionDetail } from '../../api/codepipeline.js';
import { ExternalLink } from '../../components/external-link.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Flash } from '../../components/flash.js';
import { Link } from '../../components/link.js';
import { PageHeader } from '../../components/page-header.js';
import { StatusBadge } from '../../components/status.js';
import { Duration } from '../../components/time.js';
import { formatTime, shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery, useNow } from '../../lib/use-live-query.js';
import { ReviewDialog } from '../pipeline/pipeline-dialogs.js';
import { loadAction, type ActionData } from './action-data.js';
import { ActionArtifacts, ConfigurationTable, OutputVariables } from './action-info.js';
import { BuildPanel } from './build-panel.js';
import { DeployPanel } from './deploy-panel.js';

function Overview({ run, now }: { run: ActionExecutionDetail; now: number }) {
  const type = run.input?.actionTypeId;
  const result = run.output?.executionResult;
  const external = result?.externalExecutionUrl;
  return (
    <div class="card">
      <dl class="key-values">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={run.status} />
          </dd>
        </div>
        <div>
          <dt>Action provider</dt>
          <dd>{type ? `${type.category} · ${type.owner} · ${type.provider} · v${type.version}` : '–'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTime(run.startTime)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            <Duration from={run.startTime} to={run.status === 'InProgress' ? undefined : run.lastUpdateTime} now={now} />
          </dd>
        </div>
        <div>
          <dt>External execution ID</dt>
          <dd>
            <code>{result?.externalExecutionId ?? '–'}</code>
          </dd>
        </div>
        <div>
          <dt>External execution URL</dt>
          <dd>{external ? <ExternalLink url={external} /> : '–'}</dd>
        </div>
        {run.updatedBy && (
          <div>
            <dt>Updated by</dt>
            <dd>{run.updatedBy}</dd>
          </div>
        )}
      </dl>
      {result?.externalExecutionSummary && (
        <p class="action-summary-full" data-testid="action-summary">
          {result.externalExecutionSummary}
        </p>
      )}
      {result?.errorDetails?.message && (
        <div class="alert alert-error">
          <div class="alert-title">{result.errorDetails.code ?? 'Error'}</div>
          <div class="alert-body">{result.errorDetails.message}</div>
        </div>
      )}
    </div>
  );
}

function Attempts({ name, data }: { name: string; data: ActionData }) {
  if (data.attempts.length < 2) return null;
  return (
    <div class="attempts">
      Runs of this action in the execution:{' '}
      {data.attempts.map((a, i) => (
        <span key={a.actionExecutionId}>
          {i > 0 && ' · '}
          {a.actionExecutionId === data.run.actionExecutionId ? <strong>#{i + 1}</strong> : <Link to={paths.action(name, a.pipelineExecutionId, a.actionExecutionId)}>#{i + 1}</Link>} <StatusBadge status={a.status} />
        </span>
      ))}
    </div>
  );
}

function ProviderPanel({ run, relevant }: { run: ActionExecutionDetail; relevant: Parameters<typeof BuildPanel>[0]['relevant'] }) {
  const provider = run.input?.actionTypeId?.provider;
  const id = run.output?.executionResult?.externalExecutionId;
  // A Commands action runs as a build too, so its panel is the build's live log.
  if (provider === 'CodeBuild' || provider === 'Commands') {
    return (
      <>
        <h2 class="section-title">Build</h2>
        <div class="card">{id ? <BuildPanel buildId={id} relevant={relevant} /> : <p class="muted">The build has not started yet.</p>}</div>
      </>
    );
  }
  if (provider === 'CodeDeploy') {
    return (
      <>
        <h2 class="section-title">Deployment</h2>
        <div class="card">{id ? <DeployPanel deploymentId={id} relevant={relevant} /> : <p class="muted">The deployment has not started yet.</p>}</div>
      </>
    );
  }
  return null;
}

/** One action execution: status, times, summary, configuration, artifacts, variables, and its build or deployment. */
export function ActionDetail({ name, executionId, actionExecutionId }: { name: string; executionId: string; actionExecutionId: string }) {
  const relevant = (e: { pipelineName: string; pipelineExecutionId?: string }) => e.pipelineName === name && e.pipelineExecutionId === executionId;
  const query = useLiveQuery(`action:${actionExecutionId}`, (signal) => loadAction(name, executionId, actionExecutionId, signal), relevant);
  const [reviewing, setReviewing] = useState(false);
  const [flash, setFlash] = useState<string>();
  const data = query.data;
  const now = useNow(data?.run.status === 'InProgress');
  const run = data?.run;
  const crumbs = [
    { label: 'Pipelines', to: paths.pipelines() },
    { label: name, to: paths.pipeline(name) },
    { label: `Execution ${shortId(executionId)}`, to: paths.execution(name, executionId) },
    { label: run ? `${run.stageName} › ${run.actionName}` : 'Action' },
  ];
  const awaitingReview = run?.input?.actionTypeId?.provider === 'Manual' && run.status === 'InProgress' && data?.latest?.token;
  const header = (
    <PageHeader
      crumbs={crumbs}
      title={run ? run.actionName : 'Action'}
      description={run && <>Stage {run.stageName} · action execution <code>{run.actionExecutionId}</code></>}
      actions={
        awaitingReview && (
          <button type="button" class="btn btn-primary" onClick={() => setReviewing(true)} data-testid="review-action">
            Review
          </button>
        )
      }
    />
  );
  if (!data || !run) {
    return (
      <>
        {header}
        {query.error !== undefined ? <ErrorPanel title="The action execution could not be loaded" error={query.error} onRetry={query.reload} /> : <Loading what="the action" />}
      </>
    );
  }
  return (
    <>
      {header}
      <Flash message={flash} onDismiss={() => setFlash(undefined)} />
      {query.error !== undefined && <InlineError error={query.error} />}
      <Attempts name={name} data={data} />
      <Overview run={run} now={now} />
      <ProviderPanel run={run} relevant={relevant} />
      <h2 class="section-title">Configuration</h2>
      <div class="card">
        <ConfigurationTable run={run} />
      </div>
      <h2 class="section-title">Artifacts</h2>
      <div class="card">
        <ActionArtifacts run={run} />
      </div>
      <h2 class="section-title">Output variables</h2>
      <div class="card">
        <OutputVariables run={run} />
      </div>
      {reviewing && (
        <ReviewDialog
          pipeline={{ name, roleArn: '', stages: [] }}
          stageName={run.stageName}
          action={{ declaration: { name: run.actionName, actionTypeId: run.input!.actionTypeId!, configuration: run.input?.configuration }, state: { actionName: run.actionName, latestExecution: data.latest } }}
          onClose={() => setReviewing(false)}
          onDone={(m) => (setReviewing(false), setFlash(m), query.reload())}
        />
      )}
    </>
  );
}
