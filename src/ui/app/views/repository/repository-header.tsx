import type { ComponentChildren } from 'preact';
import { Link } from '../../components/link.js';
import { PageHeader, type Crumb } from '../../components/page-header.js';
import { paths } from '../../lib/router.js';

/** The tabs of a repository's pages. */
export type RepositoryTab = 'code' | 'commits' | 'pull-requests';

const TABS: { tab: RepositoryTab; label: string; to: (name: string) => string }[] = [
  { tab: 'code', label: 'Code', to: paths.repository },
  { tab: 'commits', label: 'Commits', to: (name) => paths.commits(name) },
  { tab: 'pull-requests', label: 'Pull requests', to: paths.pullRequests },
];

/** The breadcrumbs that lead to a repository: CodeCommit › Repositories › name. */
export function repositoryCrumbs(name: string): Crumb[] {
  return [{ label: 'CodeCommit' }, { label: 'Repositories', to: paths.repositories() }, { label: name, to: paths.repository(name) }];
}

/** A repository page's header: breadcrumbs, title, and the Code / Commits / Pull requests tabs. */
export function RepositoryHeader(props: { name: string; tab: RepositoryTab; crumbs?: Crumb[]; title?: ComponentChildren; description?: ComponentChildren; actions?: ComponentChildren }) {
  const crumbs = props.crumbs ?? [...repositoryCrumbs(props.name).slice(0, 2), { label: props.name }];
  return (
    <>
      <PageHeader crumbs={crumbs} title={props.title ?? props.name} description={props.description} actions={props.actions} />
      <nav class="tabs" aria-label="Repository">
        {TABS.map((t) => (
          <Link key={t.tab} to={t.to(props.name)} class={t.tab === props.tab ? 'tab tab-current' : 'tab'} data-testid={`tab-${t.tab}`}>
            {t.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
