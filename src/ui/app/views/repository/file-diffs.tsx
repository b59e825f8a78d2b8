import { Link } from '../../components/link.js';
import type { DiffLine, Hunk } from '../../lib/line-diff.js';
import { paths } from '../../lib/router.js';
import type { FileChange } from './diff-data.js';

const CHANGE_LABELS = { A: 'Added', M: 'Modified', D: 'Deleted' } as const;
const SIGNS = { same: ' ', added: '+', removed: '-' } as const;

function HunkRows({ hunk }: { hunk: Hunk }) {
  return (
    <>
      <tr class="diff-hunk">
        <td colSpan={3}>
          @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
        </td>
      </tr>
      {hunk.lines.map((line: DiffLine, i) => (
        <tr key={i} class={`diff-${line.kind}`}>
          <td class="line-number">{line.oldLine ?? ''}</td>
          <td class="line-number">{line.newLine ?? ''}</td>
          <td class="line-text">
            <span class="diff-sign" aria-hidden="true">
              {SIGNS[line.kind]}
            </span>
            {line.text}
          </td>
        </tr>
      ))}
    </>
  );
}

function Body({ change }: { change: FileChange }) {
  const { difference } = change;
  if (change.skipped) return <div class="muted small diff-note">Too many files changed to show every one: open the file to read it.</div>;
  if (change.binary) return <div class="muted small diff-note">Binary file, not shown.</div>;
  if (change.hunks?.length) {
    return (
      <div class="code-scroll">
        <table class="code-listing diff">
          <tbody>
            {change.hunks.map((h, i) => (
              <HunkRows key={i} hunk={h} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  const modes = [difference.beforeBlob?.mode, difference.afterBlob?.mode];
  if (modes[0] && modes[1] && modes[0] !== modes[1]) return <div class="muted small diff-note">File mode changed from {modes[0]} to {modes[1]}.</div>;
  return <div class="muted small diff-note">{difference.changeType === 'M' ? 'Moved without changes.' : 'Empty file.'}</div>;
}

/** The files changed between two commits, each with its changed lines; `at` is the commit the files are opened at. */
export function FileDiffs({ name, at, changes }: { name: string; at: string; changes: FileChange[] }) {
  if (!changes.length) return <div class="empty">No files changed.</div>;
  const added = changes.flatMap((c) => c.hunks ?? []).flatMap((h) => h.lines).filter((l) => l.kind === 'added').length;
  const removed = changes.flatMap((c) => c.hunks ?? []).flatMap((h) => h.lines).filter((l) => l.kind === 'removed').length;
  return (
    <div data-testid="file-diffs">
      <p class="muted">
        {changes.length} file{changes.length === 1 ? '' : 's'} changed, <span class="diff-count-added">{added} additions</span>, <span class="diff-count-removed">{removed} deletions</span>
      </p>
      {changes.map((change) => {
        const { difference } = change;
        const type = difference.changeType ?? 'M';
        const moved = difference.beforeBlob?.path && difference.afterBlob?.path && difference.beforeBlob.path !== difference.afterBlob.path;
        return (
          <section key={change.path} class="file-diff" data-testid={`diff-${change.path}`}>
            <header class="file-diff-head">
              <span class={`change-type change-${type}`}>{CHANGE_LABELS[type] ?? type}</span>
              {moved && <span class="muted">{difference.beforeBlob!.path} → </span>}
              {type === 'D' ? <span class="strong">{change.path}</span> : <Link to={paths.file(name, at, change.path)} class="strong">{change.path}</Link>}
            </header>
            <Body change={change} />
          </section>
        );
      })}
    </div>
  );
}
