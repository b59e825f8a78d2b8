import { Link } from '../components/link.js';
import { PageHeader } from '../components/page-header.js';
import { paths } from '../lib/router.js';

/** The page for a console URL that names no page. */
export function NotFound({ path }: { path: string }) {
  return (
    <>
      <PageHeader crumbs={[{ label: 'Pipelines', to: paths.pipelines() }, { label: 'Not found' }]} title="Page not found" />
      <div class="card">
        <p>
          The console has no page at <code>{path}</code>. <Link to={paths.pipelines()}>Go to the pipelines</Link>.
        </p>
      </div>
    </>
  );
}
