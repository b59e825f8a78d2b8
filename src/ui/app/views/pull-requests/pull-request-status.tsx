import type { PullRequest } from '../../api/codecommit-types.js';

/** A branch name without its `refs/heads/` prefix, as people read it. */
export function branchName(reference: string | undefined): string {
  return (reference ?? '').replace(/^refs\/heads\//, '');
}

/** Open, Merged or Closed: a pull request's state as a coloured label. */
export function PullRequestStatus({ pullRequest }: { pullRequest: PullRequest }) {
  const merged = pullRequest.pullRequestTargets?.some((t) => t.mergeMetadata?.isMerged);
  const [tone, label] = pullRequest.pullRequestStatus === 'OPEN' ? ['open', 'Open'] : merged ? ['merged', 'Merged'] : ['closed', 'Closed'];
  return (
    <span class={`pr-status pr-${tone}`} data-testid="pull-request-status" data-status={label}>
      {label}
    </span>
  );
}
