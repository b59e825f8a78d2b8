import { useState } from 'preact/hooks';
import { listPipelineExecutions, type PipelineExecutionSummary } from '../../api/codepipeline.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { PageHeader } from '../../components/page-header.js';
import { StatusBadge } from '../../components/status.js';
import { Duration, TimeAgo } from '../../components/time.js';
import { formatTime, shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { isFinalStatus } from '../../lib/status.js';
import { useLiveQuery, useNow } from '../../lib/use-live-query.js';
import { firstLine } from '../pipelines/pipelines-list.js';

const PAGE = 25;

function ExecutionRow({ name, e, now }: { name: string; e: PipelineExecutionSummary; now: number }) {
  const ended = isFinalStatus(e.status);
  const target = e.rollbackMetadata?.rollbackTargetPipelineExecutionId;
  return (
    <tr data-testid={`execution-row-${e.pipelineExecutionId}`} data-type={e.executionType ?? 'STANDARD'}>
      <td>
        <Link to={paths.execution(name, e.pipelineExecutionId)} title={e.pipelineExecutionId}>
          <code>{shortId(e.pipelineExecutionId)}</code>
        </Link>
      </td>
      <td>
        <StatusBadge status={e.status} />
        {e.statusSummary && <div class="muted small">{e.statusSummary}</div>}
      </td>
      <td>
        {(e.sourceRevisions ?? []).map((r) => (
          <div key={r.actionName} title={r.revisionSummary}>
            {r.actionName}: <code>{shortId(r.revisionId)}</code> {r.revisionSummary && <span class="revision-summary">{firstLine(r.revisionSummary)}</span>}
          </div>
        ))}
      </td>
      <td>
        {e.trigger?.triggerType}
        {e.executionType === 'ROLLBACK' && <span class="tag">Rollback</span>}
        {target && (
          <div class="small">
            target{' '}
            <Link to={paths.execution(name, target)} title={target} data-testid={`rollback-target-${e.pipelineExecutionId}`}>
              <code>{shortId(target)}</code>
            </Link>
          </div>
        )}
      </td>
      <td title={formatTime(e.startTime)}>
        <TimeAgo at={e.startTime} now={now} />
      </td>
      <td>
        <Duration from={e.startTime} to={ended ? e.lastUpdateTime : undefined} now={now} />
      </td>
      <td>{ended ? formatTime(e.lastUpdateTime) : <span class="muted">–</span>}</td>
    </tr>
  );
}

/** A pipeline's executions, newest first, with more pages on request; the newest page updates live. */
export function ExecutionHistory({ name }: { name: string }) {
  const query = useLiveQuery(`history:${name}`, (signal) => listPipelineExecutions(name, PAGE, undefined, signal), (e) => e.pipelineName === name && e.type.startsWith('execution:'));
  const [older, setOlder] = useState<{ items: PipelineExecutionSummary[]; nextToken?: string; error?: unknown }>({ items: [] });
  const first = query.data?.pipelineExecutionSummaries ?? [];
  const nextToken = older.items.length ? older.nextToken : query.data?.nextToken;
  const now = useNow(first.some((e) => !isFinalStatus(e.status)));
  const loadMore = async () => {
    try {
      const page = await listPipelineExecutions(name, PAGE, nextToken);
      setOlder({ items: [...older.items, ...(page.pipelineExecutionSummaries ?? [])], nextToken: page.nextToken });
    } catch (error) {
      setOlder({ ...older, error });
    }
  };
  const seen = new Set(first.map((e) => e.pipelineExecutionId));
  const rows = [...first, ...older.items.filter((e) => !seen.has(e.pipelineExecutionId))];
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Pipelines', to: paths.pipelines() }, { label: name, to: paths.pipeline(name) }, { label: 'Execution history' }]}
        title="Execution history"
        description={name}
      />
      <div class="card">
        {query.error !== undefined && (query.data ? <InlineError error={query.error} /> : <ErrorPanel title="The executions could not be listed" error={query.error} onRetry={query.reload} />)}
        {!query.data && query.loading && <Loading what="executions" />}
        {query.data && (
          <table class="table" data-testid="history-table">
            <thead>
              <tr>
                <th>Execution ID</th>
                <th>Status</th>
                <th>Source revisions</th>
                <th>Trigger</th>
                <th>Started</th>
                <th>Duration</th>
                <th>Completed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <ExecutionRow key={e.pipelineExecutionId} name={name} e={e} now={now} />
              ))}
              {!rows.length && (
                <tr>
                  <td colSpan={7} class="muted center">
                    No executions yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        <InlineError error={older.error} />
        {nextToken && (
          <div class="center">
            <button type="button" class="btn" onClick={loadMore}>
              Load older executions
            </button>
          </div>
        )}
      </div>
    </>
  );
}
