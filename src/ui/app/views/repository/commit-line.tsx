import type { Commit } from '../../api/codecommit-types.js';
import { Link } from '../../components/link.js';
import { personName } from '../../lib/arns.js';
import { TimeAgo } from '../../components/time.js';
import { commitTime } from '../../lib/commit-walk.js';
import { shortId } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { firstLine } from '../pipelines/pipelines-list.js';

/** A commit in one line: its short id (a link to its changes), the first line of its message, author and time. */
export function CommitLine({ name, commit }: { name: string; commit: Commit }) {
  const id = commit.commitId ?? '';
  return (
    <div class="commit-line" data-testid={`commit-${id}`}>
      <Link to={paths.commit(name, id)} title={id}>
        <code>{shortId(id)}</code>
      </Link>
      <span class="commit-message">{firstLine(commit.message ?? '')}</span>
      <span class="muted">
        {personName(commit.author?.name)} · <TimeAgo at={commitTime(commit.author?.date)} />
      </span>
    </div>
  );
}
