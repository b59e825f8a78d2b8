import { useEffect, useState } from 'preact/hooks';

/** The console's pages, parsed from the URL below /console/. */
export type Route =
  | { view: 'pipelines' }
  | { view: 'pipeline'; name: string }
  | { view: 'history'; name: string }
  | { view: 'execution'; name: string; executionId: string }
  | { view: 'action'; name: string; executionId: string; actionExecutionId: string }
  | { view: 'edit'; name: string }
  | { view: 'create' }
  | { view: 'create-json' }
  | { view: 'repositories' }
  | { view: 'notifications' }
  | { view: 'access' }
  | { view: 'code'; name: string; kind: 'folder' | 'file'; ref?: string; path: string }
  | { view: 'commits'; name: string; ref?: string }
  | { view: 'commit'; name: string; commitId: string }
  | { view: 'pull-requests'; name: string }
  | { view: 'pull-request'; name: string; pullRequestId: string }
  | { view: 'not-found'; path: string };

const BASE = '/console';

/** Reads a route from a path such as `/console/pipelines/web/executions/abc`. */
export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, name, section, executionId, sub, actionExecutionId] = parts;
  if (parts.length === 0) return { view: 'pipelines' };
  if (first === 'create') return parts[1] === 'json' ? { view: 'create-json' } : { view: 'create' };
  if (first === 'pipelines' && name) {
    if (parts.length === 2) return { view: 'pipeline', name };
    if (section === 'edit' && parts.length === 3) return { view: 'edit', name };
    if (section === 'executions' && parts.length === 3) return { view: 'history', name };
    if (section === 'executions' && parts.length === 4) return { view: 'execution', name, executionId };
    if (section === 'executions' && sub === 'actions' && parts.length === 6) return { view: 'action', name, executionId, actionExecutionId };
  }
  if (first === 'notifications' && parts.length === 1) return { view: 'notifications' };
  if (first === 'access' && parts.length === 1) return { view: 'access' };
  if (first === 'repositories') return repositoryRoute(parts.slice(1)) ?? { view: 'not-found', path: pathname };
  return { view: 'not-found', path: pathname };
}

/** The repository pages: `<name>`, `<name>/browse|file/<ref>/<path...>`, `<name>/commits[/<ref>]`, `<name>/commit/<id>`, `<name>/pull-requests[/<id>]`. */
function repositoryRoute(parts: string[]): Route | undefined {
  const [name, section, ref, ...path] = parts;
  if (!name) return { view: 'repositories' };
  if (!section) return { view: 'code', name, kind: 'folder', path: '' };
  if ((section === 'browse' || section === 'file') && ref) return { view: 'code', name, kind: section === 'file' ? 'file' : 'folder', ref, path: path.join('/') };
  if (section === 'commits' && parts.length <= 3) return { view: 'commits', name, ref };
  if (section === 'commit' && ref && parts.length === 3) return { view: 'commit', name, commitId: ref };
  if (section === 'pull-requests' && parts.length === 2) return { view: 'pull-requests', name };
  if (section === 'pull-requests' && parts.length === 3) return { view: 'pull-request', name, pullRequestId: ref };
  return undefined;
}

const enc = encodeURIComponent;

/** The URL of a page. */
export const paths = {
  pipelines: () => `${BASE}/`,
  pipeline: (name: string) => `${BASE}/pipelines/${enc(name)}`,
  history: (name: string) => `${BASE}/pipelines/${enc(name)}/executions`,
  execution: (name: string, id: string) => `${BASE}/pipelines/${enc(name)}/executions/${enc(id)}`,
  action: (name: string, id: string, actionExecutionId: string) => `${BASE}/pipelines/${enc(name)}/executions/${enc(id)}/actions/${enc(actionExecutionId)}`,
  edit: (name: string) => `${BASE}/pipelines/${enc(name)}/edit`,
  create: () => `${BASE}/create`,
  createJson: () => `${BASE}/create/json`,
  repositories: () => `${BASE}/repositories`,
  notifications: () => `${BASE}/notifications`,
  access: () => `${BASE}/access`,
  repository: (name: string) => `${BASE}/repositories/${enc(name)}`,
  /** A folder (`''` is the root) at a branch, tag or commit; each path segment is encoded on its own. */
  folder: (name: string, ref: string, path = '') => `${BASE}/repositories/${enc(name)}/browse/${enc(ref)}${encPath(path)}`,
  file: (name: string, ref: string, path: string) => `${BASE}/repositories/${enc(name)}/file/${enc(ref)}${encPath(path)}`,
  commits: (name: string, ref?: string) => `${BASE}/repositories/${enc(name)}/commits${ref ? `/${enc(ref)}` : ''}`,
  commit: (name: string, commitId: string) => `${BASE}/repositories/${enc(name)}/commit/${enc(commitId)}`,
  pullRequests: (name: string) => `${BASE}/repositories/${enc(name)}/pull-requests`,
  pullRequest: (name: string, id: string) => `${BASE}/repositories/${enc(name)}/pull-requests/${enc(id)}`,
};

function encPath(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => `/${enc(segment)}`)
    .join('');
}

const NAVIGATED = 'console:navigated';

/** Goes to a page of the console without reloading it. */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/** The current route, updated on navigation and on the browser's back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}

/** Follows a console link in place, unless the user asked for a new tab or window. */
export function onLinkClick(event: MouseEvent, to: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
