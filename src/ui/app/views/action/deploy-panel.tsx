import type { ConsoleEvent } from '../../../shared/console-event.js';
import { AwsError } from '../../api/aws.js';
import { loadDeployment, type InstanceInfo, type InstanceTarget, type LifecycleEvent } from '../../api/codedeploy.js';
import { ExternalLink } from '../../components/external-link.js';
import { ErrorPanel, Loading, Notice } from '../../components/feedback.js';
import { StatusBadge } from '../../components/status.js';
import { Duration } from '../../components/time.js';
import { statusLabel } from '../../lib/format.js';
import { safeHref } from '../../lib/safe-href.js';
import { useLiveQuery } from '../../lib/use-live-query.js';

// CodeDeploy's deployment statuses in the CodePipeline spelling the badges use.
const DEPLOYMENT_STATUS: Record<string, string> = { Created: 'InProgress', Queued: 'InProgress', InProgress: 'InProgress', Baking: 'InProgress', Ready: 'InProgress', Succeeded: 'Succeeded', Failed: 'Failed', Stopped: 'Stopped' };

/** The URL an instance's Nginx answers at, when the emulator lists one. */
export function instanceUrlOf(info: InstanceInfo | undefined): string | undefined {
  return safeHref(info?.url);
}

function EventRow({ e }: { e: LifecycleEvent }) {
  const tail = e.diagnostics?.logTail;
  return (
    <>
      <tr>
        <td>{e.lifecycleEventName}</td>
        <td>
          <StatusBadge status={e.status === 'Pending' ? undefined : e.status} label={statusLabel(e.status)} />
        </td>
        <td>
          <Duration from={e.startTime} to={e.endTime} />
        </td>
        <td class="wrap small">{e.diagnostics?.errorCode && e.diagnostics.errorCode !== 'Success' ? `${e.diagnostics.errorCode}: ${e.diagnostics.message ?? ''}` : e.diagnostics?.scriptName}</td>
      </tr>
      {tail && (
        <tr class="log-tail-row">
          <td colSpan={4}>
            <pre class="log log-tail">{tail}</pre>
          </td>
        </tr>
      )}
    </>
  );
}

function InstanceCard({ target, info }: { target: InstanceTarget; info?: InstanceInfo }) {
  const url = instanceUrlOf(info);
  return (
    <div class="instance" data-testid={`instance-${target.targetId}`}>
      <div class="instance-head">
        <strong>{target.targetId}</strong>
        <StatusBadge status={DEPLOYMENT_STATUS[target.status ?? ''] ?? target.status} label={statusLabel(target.status)} />
        {url && (
          <ExternalLink url={url} data-testid="instance-url">
            {url} ↗
          </ExternalLink>
        )}
      </div>
      <table class="table">
        <thead>
          <tr>
            <th>Lifecycle event</th>
            <th>Status</th>
            <th>Duration</th>
            <th>Script / error</th>
          </tr>
        </thead>
        <tbody>
          {(target.lifecycleEvents ?? []).map((e) => (
            <EventRow key={e.lifecycleEventName} e={e} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A CodeDeploy action's deployment: status, its instances with their lifecycle events, log tails and URLs. */
export function DeployPanel(props: { deploymentId: string; relevant: (e: ConsoleEvent) => boolean }) {
  const query = useLiveQuery(`deployment:${props.deploymentId}`, (signal) => loadDeployment(props.deploymentId, signal), props.relevant);
  const view = query.data;
  if (query.error instanceof AwsError && query.error.notImplemented) {
    return <Notice tone="warning">This emulator does not serve the CodeDeploy API, so the deployment's instances cannot be shown. Deployment id: {props.deploymentId}</Notice>;
  }
  if (!view) {
    if (query.error !== undefined) return <ErrorPanel title="The deployment could not be loaded" error={query.error} onRetry={query.reload} />;
    return <Loading what="the deployment" />;
  }
  const d = view.deployment;
  return (
    <div data-testid="deploy-panel">
      <dl class="key-values">
        <div>
          <dt>Deployment</dt>
          <dd>
            <code>{d.deploymentId}</code>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={DEPLOYMENT_STATUS[d.status ?? ''] ?? d.status} label={statusLabel(d.status)} />
          </dd>
        </div>
        <div>
          <dt>Application</dt>
          <dd>{d.applicationName}</dd>
        </div>
        <div>
          <dt>Deployment group</dt>
          <dd>{d.deploymentGroupName}</dd>
        </div>
        <div>
          <dt>Configuration</dt>
          <dd>{d.deploymentConfigName}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            <Duration from={d.startTime ?? d.createTime} to={d.completeTime} />
          </dd>
        </div>
      </dl>
      {d.errorInformation?.message && <Notice tone="warning">{`${d.errorInformation.code ?? 'Error'}: ${d.errorInformation.message}`}</Notice>}
      {d.rollbackInfo?.rollbackMessage && <p class="muted">{d.rollbackInfo.rollbackMessage}</p>}
      <h3 class="subsection-title">Instances</h3>
      {view.targets.length ? view.targets.map((t) => <InstanceCard key={t.targetId} target={t} info={view.instances.get(t.targetId)} />) : <p class="muted">No instance in this deployment yet.</p>}
      <button type="button" class="btn btn-small" onClick={query.reload}>
        Refresh
      </button>
    </div>
  );
}
