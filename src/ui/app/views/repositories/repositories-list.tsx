import { batchGetRepositories, listRepositories } from '../../api/codecommit.js';
import type { RepositoryMetadata } from '../../api/codecommit-types.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { NoMatchRow, SearchBox, useNameSearch } from '../../components/name-search.js';
import { PageHeader } from '../../components/page-header.js';
import { TimeAgo } from '../../components/time.js';
import { paths } from '../../lib/router.js';
import { useLiveQuery } from '../../lib/use-live-query.js';

const BATCH = 25; // BatchGetRepositories' limit

async function loadRepositories(signal: AbortSignal): Promise<RepositoryMetadata[]> {
  const names = await listRepositories(signal);
  const batches = [];
  for (let i = 0; i < names.length; i += BATCH) batches.push(batchGetRepositories(names.slice(i, i + BATCH), signal));
  const found = (await Promise.all(batches)).flat();
  const byName = new Map(found.map((r) => [r.repositoryName, r]));
  return names.map((repositoryName) => byName.get(repositoryName) ?? { repositoryName });
}

/** The CodeCommit repositories of the account and region, with their default branch and clone URL. */
export function RepositoriesList() {
  // Repository changes emit no engine event: the list loads again when the page becomes visible.
  const query = useLiveQuery('repositories', loadRepositories, () => false);
  const { search, setSearch, rows } = useNameSearch(query.data, (r) => r.repositoryName ?? '');
  return (
    <>
      <PageHeader crumbs={[{ label: 'CodeCommit' }, { label: 'Repositories' }]} title={<>Repositories {query.data && <span class="count">({query.data.length})</span>}</>} />
      <div class="card">
        <SearchBox label="Find repositories by name" value={search} onSearch={setSearch} />
        {query.error !== undefined && (query.data ? <InlineError error={query.error} /> : <ErrorPanel title="The repositories could not be listed" error={query.error} onRetry={query.reload} />)}
        {query.loading && !query.data ? (
          <Loading what="repositories" />
        ) : query.data?.length === 0 ? (
          <div class="empty">
            <p>No repositories in this account and region yet.</p>
            <p>
              Create one with <code>aws codecommit create-repository --repository-name my-app</code>, or start the emulator with <code>--repo my-app=/path/to/checkout</code>.
            </p>
          </div>
        ) : query.data ? (
          <table class="table" data-testid="repositories-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th>Default branch</th>
                <th>Last modified</th>
                <th>Clone URL (HTTP)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.repositoryName} data-testid={`repository-row-${r.repositoryName}`}>
                  <td>
                    <Link to={paths.repository(r.repositoryName!)} class="strong">
                      {r.repositoryName}
                    </Link>
                  </td>
                  <td class="wrap">{r.repositoryDescription ?? <span class="muted">–</span>}</td>
                  <td>{r.defaultBranch ? <Link to={paths.folder(r.repositoryName!, r.defaultBranch)}>{r.defaultBranch}</Link> : <span class="muted">Empty</span>}</td>
                  <td>
                    <TimeAgo at={r.lastModifiedDate} />
                  </td>
                  <td>
                    <code class="clone-url">{r.cloneUrlHttp}</code>
                  </td>
                </tr>
              ))}
              {!rows.length && <NoMatchRow columns={5} what="repository" search={search} />}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}
