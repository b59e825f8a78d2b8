import { useMemo } from 'preact/hooks';
import { listPipelineExecutions, listPipelines, type PipelineExecutionSummary, type PipelineSummary } from '../../api/codepipeline.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { NoMatchRow, SearchBox, useNameSearch } from '../../components/name-search.js';
import { PageHeader } from '../../components/page-header.js';
import { StatusBadge } from '../../components/status.js';
import { TimeAgo } from '../../components/time.js';
import { shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';

interface PipelineRow {
  pipeline: PipelineSummary;
  latest?: PipelineExecutionSummary;
  error?: unknown;
}

async function loadRows(signal: AbortSignal): Promise<PipelineRow[]> {
  const pipelines = await listPipelines(signal);
  // One small call per pipeline, as the AWS console makes: the latest execution with its source revisions.
  const latest = await Promise.allSettled(pipelines.map((p) => listPipelineExecutions(p.name, 1, undefined, signal)));
  return pipelines.map((pipeline, i) => {
    const r = latest[i];
    return r.status === 'fulfilled' ? { pipeline, latest: r.value.pipelineExecutionSummaries?.[0] } : { pipeline, error: r.reason };
  });
}

function Revisions({ execution }: { execution?: PipelineExecutionSummary }) {
  const revisions = execution?.sourceRevisions ?? [];
  if (!revisions.length) return <span class="muted">–</span>;
  return (
    <div class="revisions">
      {revisions.map((r) => (
        <div key={r.actionName} class="revision" title={r.revisionSummary}>
          <span class="muted">{r.actionName}:</span> <code>{shortId(r.revisionId)}</code> {r.revisionSummary && <span class="revision-summary">{firstLine(r.revisionSummary)}</span>}
        </div>
      ))}
    </div>
  );
}

/** The first line of a commit message or summary. */
export function firstLine(text: string): string {
  return text.split('\n')[0];
}

function Row({ row }: { row: PipelineRow }) {
  const { pipeline, latest } = row;
  return (
    <tr data-testid={`pipeline-row-${pipeline.name}`}>
      <td>
        <Link to={paths.pipeline(pipeline.name)} class="strong">
          {pipeline.name}
        </Link>
      </td>
      <td>{pipeline.pipelineType ?? 'V1'}</td>
      <td>
        {row.error ? <InlineError error={row.error} /> : latest ? <StatusBadge status={latest.status} /> : <span class="muted">No executions</span>}
      </td>
      <td>
        <Revisions execution={latest} />
      </td>
      <td>
        {latest && (
          <Link to={paths.execution(pipeline.name, latest.pipelineExecutionId)}>
            <TimeAgo at={latest.startTime} />
          </Link>
        )}
      </td>
      <td>
        <TimeAgo at={pipeline.updated} />
      </td>
    </tr>
  );
}

/** The pipelines of the account and region, with their latest execution, and a search by name. */
export function PipelinesList() {
  const query = useLiveQuery('pipelines', loadRows, () => true);
  const sorted = useMemo(() => query.data && [...query.data].sort((a, b) => a.pipeline.name.localeCompare(b.pipeline.name)), [query.data]);
  const { search, setSearch, rows } = useNameSearch(sorted, (r) => r.pipeline.name);
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'CodePipeline' }, { label: 'Pipelines' }]}
        title={<>Pipelines {query.data && <span class="count">({query.data.length})</span>}</>}
        actions={
          <>
            <Link to={paths.createJson()} class="btn">
              Create from JSON
            </Link>
            <Link to={paths.create()} class="btn btn-primary">
              Create pipeline
            </Link>
          </>
        }
      />
      <div class="card">
        <SearchBox label="Find pipelines by name" value={search} onSearch={setSearch} />
        {query.error !== undefined && (query.data ? <InlineError error={query.error} /> : <ErrorPanel title="The pipelines could not be listed" error={query.error} onRetry={query.reload} />)}
        {query.loading && !query.data ? (
          <Loading what="pipelines" />
        ) : query.data && query.data.length === 0 ? (
          <div class="empty">
            <p>No pipelines in this account and region yet.</p>
            <Link to={paths.create()} class="btn btn-primary">
              Create pipeline
            </Link>
          </div>
        ) : query.data ? (
          <table class="table" data-testid="pipelines-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Latest execution status</th>
                <th>Latest source revisions</th>
                <th>Latest execution started</th>
                <th>Last updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.pipeline.name} row={r} />
              ))}
              {!rows.length && <NoMatchRow columns={6} what="pipeline" search={search} />}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}
