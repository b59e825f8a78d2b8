import type { CommentsForPullRequest, PullRequest } from '../../api/codecommit-types.js';
import { getApprovalStatus, getCommentsForPullRequest, getPullRequest, type ApprovalStatus } from '../../api/pull-requests.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { TimeAgo } from '../../components/time.js';
import { principalName } from '../../lib/arns.js';
import { formatTime, shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { loadChanges, type FileChange } from '../repository/diff-data.js';
import { FileDiffs } from '../repository/file-diffs.js';
import { RepositoryHeader, repositoryCrumbs } from '../repository/repository-header.js';
import { ApprovalPanel } from './approval-panel.js';
import { PullRequestComments } from './pull-request-comments.js';
import { branchName, PullRequestStatus } from './pull-request-status.js';

interface PullRequestData {
  pullRequest: PullRequest;
  threads: CommentsForPullRequest[];
  approval?: ApprovalStatus;
  changes?: FileChange[];
  /** A part that failed to load while the pull request itself did (shown next to that part). */
  errors: { approval?: unknown; changes?: unknown };
}

async function loadPullRequest(name: string, id: string, signal: AbortSignal): Promise<PullRequestData> {
  const pullRequest = await getPullRequest(id, signal);
  const target = pullRequest.pullRequestTargets?.[0];
  const errors: PullRequestData['errors'] = {};
  const [threads, approval, changes] = await Promise.all([
    getCommentsForPullRequest(id, signal),
    pullRequest.revisionId ? getApprovalStatus(id, pullRequest.revisionId, signal).catch((e) => void (errors.approval = e)) : undefined,
    target?.sourceCommit ? loadChanges(target.repositoryName ?? name, target.mergeBase ?? target.destinationCommit, target.sourceCommit, signal).catch((e) => void (errors.changes = e)) : undefined,
  ]);
  return { pullRequest, threads, approval: approval ?? undefined, changes: changes ?? undefined, errors };
}

function CommitLink({ name, id }: { name: string; id?: string }) {
  if (!id) return <span class="muted">–</span>;
  return (
    <Link to={paths.commit(name, id)} title={id}>
      <code>{shortId(id)}</code>
    </Link>
  );
}

function Details({ name, pullRequest }: { name: string; pullRequest: PullRequest }) {
  const target = pullRequest.pullRequestTargets?.[0];
  const repo = target?.repositoryName ?? name;
  const merge = target?.mergeMetadata;
  const source = branchName(target?.sourceReference);
  const destination = branchName(target?.destinationReference);
  return (
    <dl class="key-values" data-testid="pull-request-details">
      <div>
        <dt>Status</dt>
        <dd>
          <PullRequestStatus pullRequest={pullRequest} />
        </dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd data-testid="pull-request-source">
          <Link to={paths.folder(repo, source)}>{source}</Link> at <CommitLink name={repo} id={target?.sourceCommit} />
        </dd>
      </div>
      <div>
        <dt>Destination</dt>
        <dd data-testid="pull-request-destination">
          <Link to={paths.folder(repo, destination)}>{destination}</Link> at <CommitLink name={repo} id={target?.destinationCommit} />
        </dd>
      </div>
      <div>
        <dt>Merge base</dt>
        <dd>
          <CommitLink name={repo} id={target?.mergeBase} />
        </dd>
      </div>
      <div>
        <dt>Author</dt>
        <dd title={pullRequest.authorArn}>{principalName(pullRequest.authorArn)}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd title={formatTime(pullRequest.creationDate)}>
          <TimeAgo at={pullRequest.creationDate} />
        </dd>
      </div>
      {merge?.isMerged && (
        <div>
          <dt>Merged</dt>
          <dd>
            {merge.mergeOption?.toLowerCase().replace(/_/g, ' ')} by {principalName(merge.mergedBy)}, <CommitLink name={repo} id={merge.mergeCommitId} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** A pull request: title, description, branches, status, approval state, comments and the changes it proposes. */
export function PullRequestDetail({ name, pullRequestId }: { name: string; pullRequestId: string }) {
  const query = useLiveQuery(`pull-request|${pullRequestId}`, (signal) => loadPullRequest(name, pullRequestId, signal), () => false);
  const data = query.data;
  const pr = data?.pullRequest;
  const target = pr?.pullRequestTargets?.[0];
  return (
    <>
      <RepositoryHeader
        name={name}
        tab="pull-requests"
        crumbs={[...repositoryCrumbs(name), { label: 'Pull requests', to: paths.pullRequests(name) }, { label: pullRequestId }]}
        title={pr ? <span data-testid="pull-request-title">{pr.title}</span> : `Pull request ${pullRequestId}`}
      />
      {query.error !== undefined && <ErrorPanel title={`Pull request ${pullRequestId} could not be loaded`} error={query.error} onRetry={query.reload} />}
      {query.loading && !data ? (
        <Loading what="the pull request" />
      ) : data && pr ? (
        <>
          <div class="card">
            <Details name={name} pullRequest={pr} />
            {pr.description ? (
              <div class="pr-description wrap" data-testid="pull-request-description">
                {pr.description}
              </div>
            ) : (
              <p class="muted">No description.</p>
            )}
          </div>
          <div class="card">
            <h2 class="subsection-title first">Approvals</h2>
            <InlineError error={data.errors.approval} />
            <ApprovalPanel pullRequest={pr} status={data.approval} />
          </div>
          <div class="card">
            <h2 class="subsection-title first">Activity</h2>
            <PullRequestComments threads={data.threads} />
          </div>
          <div class="card">
            <h2 class="subsection-title first">Changes</h2>
            <InlineError error={data.errors.changes} />
            {data.changes && target?.sourceCommit && <FileDiffs name={target.repositoryName ?? name} at={target.sourceCommit} changes={data.changes} />}
          </div>
        </>
      ) : null}
    </>
  );
}
