import { Component, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Caller } from './api/aws.js';
import { chooseCaller, initialCaller, loadCaller } from './api/context.js';
import { liveEvents, type LiveStatus } from './api/live-events.js';
import { ErrorPanel, Loading } from './components/feedback.js';
import { Link } from './components/link.js';
import { CallerDialog } from './components/caller-dialog.js';
import { paths, useRoute, type Route } from './lib/router.js';
import { lazyView } from './components/lazy-view.js';
import { NotFound } from './views/not-found.js';
import { PipelineView } from './views/pipeline/pipeline-view.js';
import { PipelinesList } from './views/pipelines/pipelines-list.js';

// The pages people open first are in the main file; the others load when opened.
const ActionDetail = lazyView('action details', () => import('./views/action/action-detail.js').then((m) => m.ActionDetail));
const CreateWizard = lazyView('wizard', () => import('./views/create/create-wizard.js').then((m) => m.CreateWizard));
const JsonEditor = lazyView('editor', () => import('./views/editor/json-editor.js').then((m) => m.JsonEditor));
const ExecutionDetail = lazyView('execution', () => import('./views/executions/execution-detail.js').then((m) => m.ExecutionDetail));
const ExecutionHistory = lazyView('execution history', () => import('./views/executions/execution-history.js').then((m) => m.ExecutionHistory));
const NotificationsPage = lazyView('notifications', () => import('./views/notifications/notifications-page.js').then((m) => m.NotificationsPage));
const AccessList = lazyView('access', () => import('./views/access/access-list.js').then((m) => m.AccessList));
const RepositoriesList = lazyView('repositories', () => import('./views/repositories/repositories-list.js').then((m) => m.RepositoriesList));
const CodeView = lazyView('code', () => import('./views/repository/code-view.js').then((m) => m.CodeView));
const CommitHistory = lazyView('commit history', () => import('./views/repository/commit-history.js').then((m) => m.CommitHistory));
const CommitDetail = lazyView('commit', () => import('./views/repository/commit-detail.js').then((m) => m.CommitDetail));
const PullRequestsList = lazyView('pull requests', () => import('./views/pull-requests/pull-requests-list.js').then((m) => m.PullRequestsList));
const PullRequestDetail = lazyView('pull request', () => import('./views/pull-requests/pull-request-detail.js').then((m) => m.PullRequestDetail));

/** Catches a page's rendering error and shows it instead of a blank screen. */
class ErrorBoundary extends Component<{ children: ComponentChildren }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  override componentDidCatch(error: unknown) {
    this.setState({ error });
  }
  override render() {
    if (this.state.error) return <ErrorPanel title="This page failed to render" error={this.state.error} onRetry={() => this.setState({ error: undefined })} />;
    return this.props.children;
  }
}

function RouteView({ route }: { route: Route }) {
  switch (route.view) {
    case 'pipelines':
      return <PipelinesList />;
    case 'pipeline':
      return <PipelineView name={route.name} />;
    case 'history':
      return <ExecutionHistory name={route.name} />;
    case 'execution':
      return <ExecutionDetail name={route.name} executionId={route.executionId} />;
    case 'action':
      return <ActionDetail name={route.name} executionId={route.executionId} actionExecutionId={route.actionExecutionId} />;
    case 'edit':
      return <JsonEditor name={route.name} />;
    case 'create':
      return <CreateWizard />;
    case 'create-json':
      return <JsonEditor />;
    case 'repositories':
      return <RepositoriesList />;
    case 'notifications':
      return <NotificationsPage />;
    case 'access':
      return <AccessList />;
    case 'code':
      return <CodeView name={route.name} kind={route.kind} at={route.ref} path={route.path} />;
    case 'commits':
      return <CommitHistory name={route.name} at={route.ref} />;
    case 'commit':
      return <CommitDetail name={route.name} commitId={route.commitId} />;
    case 'pull-requests':
      return <PullRequestsList name={route.name} />;
    case 'pull-request':
      return <PullRequestDetail name={route.name} pullRequestId={route.pullRequestId} />;
    default:
      return <NotFound path={route.path} />;
  }
}

function LiveIndicator() {
  const [status, setStatus] = useState<LiveStatus>(liveEvents.status);
  useEffect(() => {
    const off = liveEvents.onStatus(setStatus);
    // The stream may have connected between the first render and this subscription.
    setStatus(liveEvents.status);
    return off;
  }, []);
  const label = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <span class={`live live-${status}`} data-testid="live-status" data-live={status} title="Updates arrive from the emulator's event stream">
      <span class="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function Header({ caller, onCaller }: { caller?: Caller; onCaller: (c: Caller) => void }) {
  const [choosing, setChoosing] = useState(false);
  return (
    <header class="top-bar">
      <Link to={paths.pipelines()} class="brand">
        <span class="brand-mark" aria-hidden="true" />
        codepipeline-local
      </Link>
      <nav class="top-nav">
        <Link to={paths.pipelines()}>Pipelines</Link>
        <Link to={paths.create()}>Create pipeline</Link>
        <Link to={paths.repositories()}>Repositories</Link>
        <Link to={paths.notifications()}>Notifications</Link>
        <Link to={paths.access()}>Access</Link>
      </nav>
      <div class="top-right">
        <LiveIndicator />
        {caller && (
          <button type="button" class="caller" onClick={() => setChoosing(true)} title="Account and region the console works in">
            {caller.account} · {caller.region}
          </button>
        )}
      </div>
      {choosing && caller && <CallerDialog caller={caller} onClose={() => setChoosing(false)} onChoose={(c) => (setChoosing(false), onCaller(c))} />}
    </header>
  );
}

// Both started as the module loads, not after the first render: every API call needs the caller (usually written
// into the page, so known at once), and a stream ready before the first answers arrive spares pages a second load.
liveEvents.connect();
const known = initialCaller();
const starting = known ? Promise.resolve(known) : loadCaller();

/** The console: loads its account and region, opens the event stream, and shows the page the URL names. */
export function App() {
  const route = useRoute();
  const [caller, setCaller] = useState<Caller | undefined>(known);
  const [error, setError] = useState<unknown>();
  useLayoutEffect(() => void (known || starting.then(setCaller, setError)), []);
  const changeCaller = (c: Caller) => {
    chooseCaller(c);
    setCaller(c);
  };
  return (
    <div class="shell">
      <Header caller={caller} onCaller={changeCaller} />
      <main class="content">
        {error ? (
          <ErrorPanel title="The console could not start" error={error} onRetry={() => location.reload()} />
        ) : !caller ? (
          <Loading what="the console" />
        ) : (
          // A new access key (serve --iam) reloads the page as a new account or region does.
          <ErrorBoundary key={`${location.pathname}|${caller.account}|${caller.region}|${caller.credentials?.accessKeyId ?? ''}`}>
            <RouteView route={route} key={`${caller.account}|${caller.region}|${caller.credentials?.accessKeyId ?? ''}`} />
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}
