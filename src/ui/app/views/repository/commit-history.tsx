import { useRef, useState } from 'preact/hooks';
import { batchGetCommits, branchHead, listBranches } from '../../api/codecommit.js';
import type { Commit } from '../../api/codecommit-types.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { personName } from '../../lib/arns.js';
import { TimeAgo } from '../../components/time.js';
import { CommitWalk, commitTime } from '../../lib/commit-walk.js';
import { formatTime, shortId } from '../../lib/format.js';
import { navigate, paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { firstLine } from '../pipelines/pipelines-list.js';
import { BranchPicker } from './branch-picker.js';
import { RepositoryHeader } from './repository-header.js';

const PAGE = 25;

interface HistoryData {
  branches: string[];
  ref?: string;
  commits: Commit[];
  walk?: CommitWalk;
}

async function loadHistory(name: string, ref: string | undefined, signal: AbortSignal): Promise<HistoryData> {
  const { branches, defaultBranch } = await listBranches(name, signal);
  const at = ref ?? defaultBranch;
  if (!at) return { branches, commits: [] };
  // A branch's head from GetBranch; anything else (a commit id) is taken as the commit to start from.
  const head = branches.includes(at) ? await branchHead(name, at, signal) : at;
  const walk = new CommitWalk((ids) => batchGetCommits(name, ids, signal), head ? [head] : []);
  return { branches, ref: at, commits: await walk.next(PAGE), walk };
}

function CommitRow({ name, commit }: { name: string; commit: Commit }) {
  const id = commit.commitId ?? '';
  const message = commit.message ?? '';
  return (
    <tr data-testid={`history-row-${id}`}>
      <td>
        <Link to={paths.commit(name, id)} title={id}>
          <code>{shortId(id)}</code>
        </Link>
      </td>
      <td>
        <Link to={paths.commit(name, id)} class="commit-title">
          {firstLine(message)}
        </Link>
        {message.includes('\n') && message.slice(message.indexOf('\n')).trim() && <div class="muted small wrap commit-body">{message.slice(message.indexOf('\n')).trim()}</div>}
      </td>
      <td title={commit.author?.email ?? commit.author?.name}>{personName(commit.author?.name)}</td>
      <td title={formatTime(commitTime(commit.author?.date))}>
        <TimeAgo at={commitTime(commit.author?.date)} />
      </td>
      <td>
        <Link to={paths.folder(name, id)} class="small">
          Browse files
        </Link>
      </td>
    </tr>
  );
}

/** The commits of a branch, newest first, a page at a time, each leading to its changes. */
export function CommitHistory(props: { name: string; at?: string }) {
  const { name } = props;
  const query = useLiveQuery(`commits|${name}|${props.at ?? ''}`, (signal) => loadHistory(name, props.at, signal), () => false);
  // Older pages are kept beside the first page's data, and dropped when it is loaded again.
  const [older, setOlder] = useState<{ of?: HistoryData; commits: Commit[]; error?: unknown; loading: boolean }>({ commits: [], loading: false });
  const loadingMore = useRef(false);
  const data = query.data;
  const extra = older.of === data ? older : { commits: [], loading: false, error: undefined };
  const more = async () => {
    if (!data?.walk || loadingMore.current) return;
    loadingMore.current = true;
    setOlder({ ...extra, of: data, loading: true });
    try {
      const next = await data.walk.next(PAGE);
      setOlder({ of: data, commits: [...extra.commits, ...next], loading: false });
    } catch (error) {
      setOlder({ ...extra, of: data, error, loading: false });
    } finally {
      loadingMore.current = false;
    }
  };
  const commits = [...(data?.commits ?? []), ...extra.commits];
  return (
    <>
      <RepositoryHeader name={name} tab="commits" />
      {query.error !== undefined && <ErrorPanel title="The history could not be loaded" error={query.error} onRetry={query.reload} />}
      {query.loading && !data ? (
        <Loading what="the history" />
      ) : data && !data.ref ? (
        <div class="card empty">This repository has no commits yet.</div>
      ) : data?.ref ? (
        <div class="card">
          <div class="code-bar">
            <BranchPicker branches={data.branches} current={data.ref} onPick={(b) => navigate(paths.commits(name, b))} />
          </div>
          <table class="table" data-testid="history-table">
            <thead>
              <tr>
                <th>Commit</th>
                <th>Message</th>
                <th>Author</th>
                <th>Date</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {commits.map((c) => (
                <CommitRow key={c.commitId} name={name} commit={c} />
              ))}
            </tbody>
          </table>
          <InlineError error={extra.error} />
          {data.walk && !data.walk.done && (
            <div class="center">
              <button type="button" class="btn btn-small" onClick={more} disabled={extra.loading} data-testid="older-commits">
                {extra.loading ? 'Loading…' : 'Older commits'}
              </button>
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}
