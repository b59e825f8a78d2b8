import type { ComponentChildren } from 'preact';
import { Link } from './link.js';

/** One step of the breadcrumb trail: a link, or the current page when it has no `to`. */
export interface Crumb {
  label: string;
  to?: string;
}

/** A page's breadcrumbs, title, description and buttons. */
export function PageHeader(props: { crumbs: Crumb[]; title: ComponentChildren; description?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <div class="page-header">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        {props.crumbs.map((c, i) => (
          <span key={i}>
            {i > 0 && <span class="crumb-sep">›</span>}
            {c.to ? <Link to={c.to}>{c.label}</Link> : <span aria-current="page">{c.label}</span>}
          </span>
        ))}
      </nav>
      <div class="page-title-row">
        <div>
          <h1>{props.title}</h1>
          {props.description && <div class="page-description">{props.description}</div>}
        </div>
        {props.actions && <div class="page-actions">{props.actions}</div>}
      </div>
    </div>
  );
}
