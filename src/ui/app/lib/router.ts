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
  return { view: 'not-found', path: pathname };
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
};

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
