import { ExternalLink } from '../../components/external-link.js';
import { Duration, TimeAgo } from '../../components/time.js';
import { Link } from '../../components/link.js';
import { StatusBadge } from '../../components/status.js';
import { shortId } from '../../lib/format.js';
import { safeHref } from '../../lib/safe-href.js';
import { paths } from '../../lib/router.js';
import { toneOf } from '../../lib/status.js';
import type { ActionView } from './pipeline-data.js';

/** Whether an action is a Manual approval waiting for a review. */
export function awaitsReview(view: ActionView): boolean {
  const t = view.declaration.actionTypeId;
  return t.category === 'Approval' && t.provider === 'Manual' && view.state?.latestExecution?.status === 'InProgress';
}

/** The repository a CodeCommit source action reads, which the console has pages for. */
function codeCommitRepository(view: ActionView): { repository: string; branch?: string } | undefined {
  const { actionTypeId, configuration } = view.declaration;
  if (actionTypeId.category !== 'Source' || actionTypeId.owner !== 'AWS' || actionTypeId.provider !== 'CodeCommit' || !configuration?.RepositoryName) return undefined;
  return { repository: configuration.RepositoryName, branch: configuration.BranchName };
}

function Revision({ view }: { view: ActionView }) {
  const revision = view.state?.currentRevision;
  const source = codeCommitRepository(view);
  if (view.declaration.actionTypeId.category !== 'Source' || (!revision && !source)) return null;
  const id = <code title={revision?.revisionId}>{shortId(revision?.revisionId)}</code>;
  return (
    <div class="action-revision">
      {source && (
        <Link to={source.branch ? paths.folder(source.repository, source.branch) : paths.repository(source.repository)} data-testid={`repository-${view.declaration.name}`}>
          {source.repository}
          {source.branch && ` · ${source.branch}`}
        </Link>
      )}
      {source && revision && ' @ '}
      {source && revision ? (
        <Link to={paths.commit(source.repository, revision.revisionId)} data-testid={`revision-${view.declaration.name}`}>
          {id}
        </Link>
      ) : (
        revision && <ExternalLink url={view.state?.revisionUrl}>{id}</ExternalLink>
      )}
    </div>
  );
}

const EXTERNAL_LABELS: Record<string, string> = { CodeBuild: 'Build logs ↗', CodeDeploy: 'Deployment ↗', CodeCommit: 'Commit ↗', S3: 'Object version ↗' };

function External({ url, provider }: { url?: string; provider: string }) {
  // A label without a link says nothing, so an unsafe or missing URL shows no link at all.
  if (!safeHref(url)) return null;
  return (
    <ExternalLink url={url} class="action-link">
      {EXTERNAL_LABELS[provider] ?? 'External link ↗'}
    </ExternalLink>
  );
}

/** One action in a stage: its provider, status with time and duration, summary, and links to its details. */
export function ActionCard(props: { pipelineName: string; view: ActionView; fallbackExecutionId?: string; now: number; onReview: () => void }) {
  const { view, now } = props;
  const latest = view.state?.latestExecution;
  const run = view.run;
  const type = view.declaration.actionTypeId;
  const executionId = run?.pipelineExecutionId ?? props.fallbackExecutionId;
  const running = latest?.status === 'InProgress';
  return (
    <div class={`action-card tone-${toneOf(latest?.status)}`} data-testid={`action-${view.declaration.name}`} data-status={latest?.status ?? 'None'}>
      <div class="action-head">
        <span class="action-name">{view.declaration.name}</span>
        <span class="action-provider" title={`${type.category} · ${type.owner} · ${type.provider} · v${type.version}`}>
          {type.provider}
        </span>
      </div>
      <div class="action-status">
        <StatusBadge status={latest?.status} />
        {latest?.lastStatusChange !== undefined && !running && (
          <span class="muted">
            {' '}
            – <TimeAgo at={latest.lastStatusChange} now={now} />
          </span>
        )}
        {run?.startTime !== undefined && (
          <span class="muted">
            {' '}
            · <Duration from={run.startTime} to={running ? undefined : run.lastUpdateTime} now={now} />
          </span>
        )}
      </div>
      {running && latest?.percentComplete !== undefined && (
        <div class="progress" aria-label={`${latest.percentComplete}% complete`}>
          <div class="progress-bar" style={{ width: `${latest.percentComplete}%` }} />
        </div>
      )}
      <Revision view={view} />
      {latest?.summary && (
        <div class="action-summary" title={latest.summary}>
          {latest.summary}
        </div>
      )}
      {latest?.errorDetails?.message && latest.status === 'Failed' && latest.errorDetails.message !== latest.summary && (
        <div class="action-error">{latest.errorDetails.message}</div>
      )}
      <div class="action-links">
        {latest?.actionExecutionId && executionId && (
          <Link to={paths.action(props.pipelineName, executionId, latest.actionExecutionId)} class="action-link" data-testid={`details-${view.declaration.name}`}>
            View details
          </Link>
        )}
        <External url={latest?.externalExecutionUrl} provider={type.provider} />
        {awaitsReview(view) && (
          <button type="button" class="btn btn-small btn-primary" onClick={props.onReview} data-testid={`review-${view.declaration.name}`}>
            Review
          </button>
        )}
      </div>
    </div>
  );
}
