import { useState } from 'preact/hooks';
import { listPullRequests, type PullRequestStatus as Status } from '../../api/pull-requests.js';
import { ErrorPanel, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { TimeAgo } from '../../components/time.js';
import { principalName } from '../../lib/arns.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { RepositoryHeader } from '../repository/repository-header.js';
import { branchName, PullRequestStatus } from './pull-request-status.js';

const LIMIT = 100;

/** A repository's open or closed pull requests, newest first. */
export function PullRequestsList({ name }: { name: string }) {
  const [status, setStatus] = useState<Status>('OPEN');
  const query = useLiveQuery(`pull-requests|${name}|${status}`, (signal) => listPullRequests(name, status, LIMIT, signal), () => false);
  return (
    <>
      <RepositoryHeader name={name} tab="pull-requests" />
      <div class="card">
        <div class="toolbar" role="group" aria-label="Status">
          {(['OPEN', 'CLOSED'] as const).map((s) => (
            <button key={s} type="button" class={`btn btn-small${status === s ? ' btn-primary' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)} data-testid={`filter-${s}`}>
              {s === 'OPEN' ? 'Open' : 'Closed'}
            </button>
          ))}
        </div>
        {query.error !== undefined && <ErrorPanel title="The pull requests could not be listed" error={query.error} onRetry={query.reload} />}
        {query.loading && !query.data ? (
          <Loading what="pull requests" />
        ) : query.data?.length === 0 ? (
          <div class="empty">
            No {status === 'OPEN' ? 'open' : 'closed'} pull requests. Create one with <code>aws codecommit create-pull-request</code>.
          </div>
        ) : query.data ? (
          <table class="table" data-testid="pull-requests-table">
            <thead>
              <tr>
                <th>Pull request</th>
                <th>Status</th>
                <th>Branches</th>
                <th>Author</th>
                <th>Last activity</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((pr) => {
                const target = pr.pullRequestTargets?.[0];
                return (
                  <tr key={pr.pullRequestId} data-testid={`pull-request-row-${pr.pullRequestId}`}>
                    <td>
                      <Link to={paths.pullRequest(name, pr.pullRequestId)} class="strong">
                        {pr.pullRequestId}: {pr.title}
                      </Link>
                    </td>
                    <td>
                      <PullRequestStatus pullRequest={pr} />
                    </td>
                    <td>
                      <code>{branchName(target?.sourceReference)}</code> → <code>{branchName(target?.destinationReference)}</code>
                    </td>
                    <td title={pr.authorArn}>{principalName(pr.authorArn)}</td>
                    <td>
                      <TimeAgo at={pr.lastActivityDate} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}
