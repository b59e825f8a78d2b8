import { getCommit } from '../../api/codecommit.js';
import type { Commit } from '../../api/codecommit-types.js';
import { ErrorPanel, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { personName } from '../../lib/arns.js';
import { TimeAgo } from '../../components/time.js';
import { commitTime } from '../../lib/commit-walk.js';
import { formatTime, shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { firstLine } from '../pipelines/pipelines-list.js';
import { loadChanges, type FileChange } from './diff-data.js';
import { FileDiffs } from './file-diffs.js';
import { RepositoryHeader, repositoryCrumbs } from './repository-header.js';

async function loadCommit(name: string, commitId: string, signal: AbortSignal): Promise<{ commit: Commit; changes: FileChange[] }> {
  const commit = await getCommit(name, commitId, signal);
  // Against the first parent, as `git show` does for a merge; a root commit adds its whole tree.
  const changes = await loadChanges(name, commit.parents?.[0], commit.commitId ?? commitId, signal);
  return { commit, changes };
}

function Person({ label, who }: { label: string; who?: Commit['author'] }) {
  const at = commitTime(who?.date);
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span title={who?.name}>{personName(who?.name)}</span> {who?.email && <span class="muted">&lt;{who.email}&gt;</span>}
        <div class="muted small" title={formatTime(at)}>
          <TimeAgo at={at} />
        </div>
      </dd>
    </div>
  );
}

/** One commit: its message, author, parents, and what it changed against its first parent, line by line. */
export function CommitDetail({ name, commitId }: { name: string; commitId: string }) {
  const query = useLiveQuery(`commit|${name}|${commitId}`, (signal) => loadCommit(name, commitId, signal), () => false);
  const commit = query.data?.commit;
  const message = commit?.message ?? '';
  const rest = message.slice(firstLine(message).length).trim();
  const id = commit?.commitId ?? commitId;
  return (
    <>
      <RepositoryHeader
        name={name}
        tab="commits"
        crumbs={[...repositoryCrumbs(name), { label: 'Commits', to: paths.commits(name) }, { label: shortId(commitId) }]}
        title={commit ? <span data-testid="commit-title">{firstLine(message) || '(no message)'}</span> : `Commit ${shortId(commitId)}`}
        actions={
          <Link to={paths.folder(name, id)} class="btn">
            Browse files
          </Link>
        }
      />
      {query.error !== undefined && <ErrorPanel title={`Commit ${shortId(commitId)} could not be loaded`} error={query.error} onRetry={query.reload} />}
      {query.loading && !query.data ? (
        <Loading what="the commit" />
      ) : query.data && commit ? (
        <>
          <div class="card">
            {rest && <pre class="commit-message-body wrap" data-testid="commit-body">{rest}</pre>}
            <dl class="key-values">
              <div>
                <dt>Commit ID</dt>
                <dd>
                  <code>{id}</code>
                </dd>
              </div>
              <Person label="Author" who={commit.author} />
              <Person label="Committer" who={commit.committer} />
              <div>
                <dt>Parents</dt>
                <dd>
                  {commit.parents?.length ? (
                    commit.parents.map((p) => (
                      <div key={p}>
                        <Link to={paths.commit(name, p)} title={p}>
                          <code>{shortId(p)}</code>
                        </Link>
                      </div>
                    ))
                  ) : (
                    <span class="muted">None (the first commit)</span>
                  )}
                </dd>
              </div>
            </dl>
          </div>
          <div class="card">
            <h2 class="subsection-title first">Changes{(commit.parents?.length ?? 0) > 1 && <span class="muted small"> against the first parent</span>}</h2>
            <FileDiffs name={name} at={id} changes={query.data.changes} />
          </div>
        </>
      ) : null}
    </>
  );
}
