import { getCommit, getFile, getFolder, listBranches } from '../../api/codecommit.js';
import type { Commit, FolderEntry, Folder } from '../../api/codecommit-types.js';
import { ErrorPanel, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { fileContent, formatSize, type FileContent } from '../../lib/file-content.js';
import { navigate, paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { BranchPicker } from './branch-picker.js';
import { CodeListing } from './code-listing.js';
import { CommitLine } from './commit-line.js';
import { RepositoryHeader } from './repository-header.js';

interface CodeData {
  branches: string[];
  /** The branch, tag or commit shown; undefined when the repository has no commit yet. */
  ref?: string;
  folder?: Folder;
  file?: { path: string; content: FileContent; commitId: string };
  latest?: Commit;
}

async function loadCode(name: string, kind: 'folder' | 'file', ref: string | undefined, path: string, signal: AbortSignal): Promise<CodeData> {
  const { branches, defaultBranch } = await listBranches(name, signal);
  const at = ref ?? defaultBranch;
  if (!at) return { branches };
  if (kind === 'file') {
    const file = await getFile(name, at, path, signal);
    const latest = await getCommit(name, file.commitId, signal);
    return { branches, ref: at, file: { path: file.filePath, content: fileContent(file.fileContent), commitId: file.commitId }, latest };
  }
  const folder = await getFolder(name, at, path, signal);
  return { branches, ref: at, folder, latest: await getCommit(name, folder.commitId, signal) };
}

/** The path of a file or folder, each folder a link, from the repository's root. */
function PathCrumbs({ name, at: ref, path }: { name: string; at: string; path: string }) {
  const parts = path.split('/').filter(Boolean);
  return (
    <nav class="path-crumbs" aria-label="Path" data-testid="path-crumbs">
      <Link to={paths.folder(name, ref)}>{name}</Link>
      {parts.map((part, i) => (
        <span key={i}>
          <span class="crumb-sep">/</span>
          {i < parts.length - 1 ? <Link to={paths.folder(name, ref, parts.slice(0, i + 1).join('/'))}>{part}</Link> : <span class="strong">{part}</span>}
        </span>
      ))}
    </nav>
  );
}

type Entry = { kind: 'folder' | 'file' | 'link' | 'submodule'; entry: FolderEntry };

function entriesOf(folder: Folder): Entry[] {
  const by = (a: Entry, b: Entry) => (a.entry.relativePath ?? '').localeCompare(b.entry.relativePath ?? '');
  const folders = (folder.subFolders ?? []).map((entry) => ({ kind: 'folder' as const, entry })).sort(by);
  const rest = [
    ...(folder.subModules ?? []).map((entry) => ({ kind: 'submodule' as const, entry })),
    ...(folder.files ?? []).map((entry) => ({ kind: 'file' as const, entry })),
    ...(folder.symbolicLinks ?? []).map((entry) => ({ kind: 'link' as const, entry })),
  ].sort(by);
  return [...folders, ...rest];
}

const ICONS = { folder: '📁', file: '📄', link: '🔗', submodule: '📦' } as const;

function FolderTable({ name, at: ref, folder }: { name: string; at: string; folder: Folder }) {
  const entries = entriesOf(folder);
  if (!entries.length) return <div class="empty">This folder is empty.</div>;
  return (
    <table class="table file-tree" data-testid="file-tree">
      <tbody>
        {entries.map(({ kind, entry }) => (
          <tr key={`${kind}:${entry.absolutePath}`} data-testid={`entry-${entry.absolutePath}`}>
            <td>
              <span class="entry-icon" aria-hidden="true">
                {ICONS[kind]}
              </span>
              {kind === 'folder' ? (
                <Link to={paths.folder(name, ref, entry.absolutePath)}>{entry.relativePath}</Link>
              ) : kind === 'file' || kind === 'link' ? (
                <Link to={paths.file(name, ref, entry.absolutePath ?? '')}>{entry.relativePath}</Link>
              ) : (
                <span title={`Submodule at commit ${entry.commitId}`}>{entry.relativePath}</span>
              )}
            </td>
            <td class="muted small">{kind === 'submodule' ? `submodule @ ${entry.commitId?.slice(0, 8)}` : kind === 'link' ? 'symbolic link' : (entry.fileMode ?? '').toLowerCase()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FileBody({ content }: { content: FileContent }) {
  if (content.binary) return <div class="empty">Binary file ({formatSize(content.size)}), not shown.</div>;
  if (!content.text) return <div class="empty">This file is empty.</div>;
  return <CodeListing text={content.text} />;
}

/** A repository's code at a branch, tag or commit: a folder's files and folders, or one file's content. */
export function CodeView(props: { name: string; kind: 'folder' | 'file'; at?: string; path: string }) {
  const { name, kind, path } = props;
  const query = useLiveQuery(`code|${name}|${kind}|${props.at ?? ''}|${path}`, (signal) => loadCode(name, kind, props.at, path, signal), () => false);
  const data = query.data;
  const ref = data?.ref;
  return (
    <>
      <RepositoryHeader name={name} tab="code" />
      {query.error !== undefined && <ErrorPanel title={`${kind === 'file' ? 'The file' : 'The folder'} could not be loaded`} error={query.error} onRetry={query.reload} />}
      {query.loading && !data ? (
        <Loading what="the code" />
      ) : data && !ref ? (
        <div class="card empty" data-testid="empty-repository">
          <p>This repository has no commits yet. Push a branch to it, or add a file with <code>aws codecommit put-file</code>.</p>
        </div>
      ) : data && ref ? (
        <div class="card">
          <div class="code-bar">
            <BranchPicker branches={data.branches} current={ref} onPick={(b) => navigate(kind === 'file' ? paths.file(name, b, path) : paths.folder(name, b, path))} />
            <PathCrumbs name={name} at={ref} path={path} />
            <Link to={paths.commits(name, ref)} class="code-bar-history">
              History
            </Link>
          </div>
          {data.latest && <CommitLine name={name} commit={data.latest} />}
          {data.folder && <FolderTable name={name} at={ref} folder={data.folder} />}
          {data.file && <FileBody content={data.file.content} />}
        </div>
      ) : null}
    </>
  );
}
