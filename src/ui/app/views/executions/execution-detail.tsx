import { useState } from 'preact/hooks';
import { ExternalLink } from '../../components/external-link.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Flash } from '../../components/flash.js';
import { Link } from '../../components/link.js';
import { PageHeader } from '../../components/page-header.js';
import { StatusBadge } from '../../components/status.js';
import { Duration } from '../../components/time.js';
import { formatTime, shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { isFinalStatus } from '../../lib/status.js';
import { useLiveQuery, useNow } from '../../lib/use-live-query.js';
import { StopDialog } from '../pipeline/pipeline-dialogs.js';
import { ArtifactsTable, VariablesTable } from './artifacts.js';
import { loadExecution, runsByStage, timelineBounds, type ExecutionData } from './execution-data.js';
import { ExecutionTimeline } from './execution-timeline.js';

/** A rollback execution's type and the execution it rolled back to, linked. */
function rollbackItems(data: ExecutionData): [string, preact.ComponentChildren][] {
  const e = data.execution;
  const target = e.rollbackMetadata?.rollbackTargetPipelineExecutionId;
  if (e.executionType !== 'ROLLBACK') return [];
  return [
    ['Execution type', 'Rollback'],
    [
      'Rollback target',
      target ? (
        <Link to={paths.execution(e.pipelineName, target)} title={target} data-testid="rollback-target">
          <code>{shortId(target)}</code>
        </Link>
      ) : (
        '–'
      ),
    ],
  ];
}

function Summary({ data, now }: { data: ExecutionData; now: number }) {
  const e = data.execution;
  const ended = isFinalStatus(e.status);
  const items: [string, preact.ComponentChildren][] = [
    ['Status', <StatusBadge status={e.status} />],
    ['Pipeline version', e.pipelineVersion],
    ['Trigger', `${e.trigger?.triggerType ?? '–'}${e.trigger?.triggerDetail ? ` (${e.trigger.triggerDetail})` : ''}`],
    ['Execution mode', e.executionMode ?? '–'],
    ...rollbackItems(data),
    ['Started', formatTime(data.summary?.startTime) || '–'],
    ['Duration', <Duration from={data.summary?.startTime} to={ended ? data.summary?.lastUpdateTime : undefined} now={now} />],
  ];
  return (
    <div class="card">
      <dl class="key-values">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {e.statusSummary && <p class="muted">{e.statusSummary}</p>}
    </div>
  );
}

function Revisions({ data }: { data: ExecutionData }) {
  const revisions = data.execution.artifactRevisions ?? [];
  if (!revisions.length) return <p class="muted">No source revision recorded.</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          <th>Artifact</th>
          <th>Revision</th>
          <th>Summary</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {revisions.map((r) => (
          <tr key={r.name}>
            <td>{r.name}</td>
            <td>
              <ExternalLink url={r.revisionUrl}>
                <code title={r.revisionId}>{shortId(r.revisionId)}</code>
              </ExternalLink>
            </td>
            <td class="wrap">{r.revisionSummary}</td>
            <td>{formatTime(r.created)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One execution: its summary, source revisions, a timeline of stages and actions, variables and artifacts. */
export function ExecutionDetail({ name, executionId }: { name: string; executionId: string }) {
  const query = useLiveQuery(`execution:${name}:${executionId}`, (signal) => loadExecution(name, executionId, signal), (e) => e.pipelineName === name && e.pipelineExecutionId === executionId);
  const [stopping, setStopping] = useState(false);
  const [flash, setFlash] = useState<string>();
  const data = query.data;
  const running = data ? !isFinalStatus(data.execution.status) : false;
  const now = useNow(running);
  const header = (
    <PageHeader
      crumbs={[{ label: 'Pipelines', to: paths.pipelines() }, { label: name, to: paths.pipeline(name) }, { label: 'Execution history', to: paths.history(name) }, { label: shortId(executionId) }]}
      title={<>Execution {shortId(executionId)}</>}
      description={<code>{executionId}</code>}
      actions={
        running && (
          <button type="button" class="btn" onClick={() => setStopping(true)}>
            Stop execution
          </button>
        )
      }
    />
  );
  if (!data) {
    return (
      <>
        {header}
        {query.error !== undefined ? <ErrorPanel title="The execution could not be loaded" error={query.error} onRetry={query.reload} /> : <Loading what="the execution" />}
      </>
    );
  }
  return (
    <>
      {header}
      <Flash message={flash} onDismiss={() => setFlash(undefined)} />
      {query.error !== undefined && <InlineError error={query.error} />}
      <Summary data={data} now={now} />
      <h2 class="section-title">Timeline</h2>
      <div class="card">
        <ExecutionTimeline name={name} stages={runsByStage(data)} bounds={timelineBounds(data, now / 1000, running)} now={now / 1000} />
      </div>
      <h2 class="section-title">Source revisions</h2>
      <div class="card">
        <Revisions data={data} />
      </div>
      <h2 class="section-title">Variables</h2>
      <div class="card">
        <VariablesTable pipelineVariables={data.execution.variables ?? []} runs={data.actions} />
      </div>
      <h2 class="section-title">Artifacts</h2>
      <div class="card">
        <ArtifactsTable runs={data.actions} />
      </div>
      {stopping && data.declaration && (
        <StopDialog
          pipeline={data.declaration}
          executions={[{ pipelineExecutionId: executionId, status: data.execution.status }]}
          onClose={() => setStopping(false)}
          onDone={(m) => (setStopping(false), setFlash(m), query.reload())}
        />
      )}
    </>
  );
}
