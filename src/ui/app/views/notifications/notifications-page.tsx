import { currentCaller } from '../../api/aws.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { PageHeader } from '../../components/page-header.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { NOTIFICATIONS_SUMMARY_PATH, type NotificationsSummary } from '../../../shared/notifications-summary.js';
import { EventFeed } from './event-feed.js';

async function loadSummary(signal: AbortSignal): Promise<NotificationsSummary> {
  const { account, region } = currentCaller();
  const response = await fetch(`${NOTIFICATIONS_SUMMARY_PATH}?account=${encodeURIComponent(account)}&region=${encodeURIComponent(region)}`, { signal });
  if (!response.ok) throw new Error(`The notifications could not be read (HTTP ${response.status})`);
  return (await response.json()) as NotificationsSummary;
}

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const tail = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

function Topics({ summary }: { summary: NotificationsSummary }) {
  if (!summary.topics.length) return <p class="muted">No SNS topics yet: <code>aws sns create-topic --name builds</code>.</p>;
  return (
    <table class="table" data-testid="topics-table">
      <thead>
        <tr>
          <th>Topic</th>
          <th>Subscriptions</th>
        </tr>
      </thead>
      <tbody>
        {summary.topics.map((t) => (
          <tr key={t.arn} data-testid={`topic-row-${t.name}`}>
            <td>
              <strong>{t.name}</strong>
              {t.displayName && <span class="muted"> ({t.displayName})</span>}
            </td>
            <td class="wrap">
              {t.subscriptions.length === 0 && <span class="muted">None</span>}
              {t.subscriptions.map((s) => (
                <div key={s.arn}>
                  {s.protocol} <code>{s.endpoint}</code> {s.confirmed ? '' : <span class="status-stopped">pending confirmation</span>}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rules({ summary }: { summary: NotificationsSummary }) {
  if (!summary.rules.length) return <p class="muted">No notification rules yet: <code>aws codestar-notifications create-notification-rule ...</code></p>;
  return (
    <table class="table" data-testid="rules-table">
      <thead>
        <tr>
          <th>Rule</th>
          <th>Resource</th>
          <th>Events</th>
          <th>Targets</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {summary.rules.map((r) => (
          <tr key={r.arn} data-testid={`rule-row-${r.name}`}>
            <td>
              <strong>{r.name}</strong> <span class="muted">{r.detailType}</span>
            </td>
            <td class="wrap">{tail(r.resource)}</td>
            <td class="wrap">{r.eventTypeIds.join(', ')}</td>
            <td class="wrap">
              {r.targets.map((t) => (
                <div key={t.address}>
                  {tail(t.address)} <span class={t.status === 'ACTIVE' ? 'status-success' : 'status-failure'}>{t.status}</span>
                </div>
              ))}
            </td>
            <td>{r.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Deliveries({ summary }: { summary: NotificationsSummary }) {
  if (!summary.deliveries.length) return <p class="muted">Nothing delivered yet.</p>;
  return (
    <table class="table" data-testid="deliveries-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Topic</th>
          <th>Type</th>
          <th>Endpoint</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {summary.deliveries.map((d) => (
          <tr key={`${d.messageId}-${d.endpoint}`} data-testid="delivery-row" data-status={d.status}>
            <td>{time(d.firstAttemptMs)}</td>
            <td>{tail(d.topicArn)}</td>
            <td>{d.type}</td>
            <td class="wrap">
              {d.protocol} <code>{d.endpoint}</code>
            </td>
            <td class={d.status === 'delivered' ? 'status-success' : d.status === 'pending' ? 'status-progress' : 'status-failure'}>
              {d.status}
              {d.attempts > 1 && ` after ${d.attempts} attempts`}
              {d.status !== 'delivered' && (d.lastStatusCode !== undefined || d.lastError) && <span class="muted"> ({d.lastStatusCode ?? d.lastError})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Mailbox({ summary }: { summary: NotificationsSummary }) {
  if (!summary.mailbox.length) return <p class="muted">The local mailbox is empty: email and email-json subscriptions deliver here.</p>;
  return (
    <div data-testid="mailbox">
      {summary.mailbox.map((m, i) => (
        <details key={i} class="mail">
          <summary>
            {time(m.receivedMs)} · <code>{m.address}</code> · {m.subject ?? m.type}
          </summary>
          <pre class="wrap">{m.body}</pre>
        </details>
      ))}
    </div>
  );
}

/** The Notifications page: SNS topics and subscriptions, notification rules, recent deliveries and failures, the local mailbox and the live event feed. */
export function NotificationsPage() {
  const query = useLiveQuery('notifications', loadSummary, () => true);
  const { account, region } = currentCaller();
  const summary = query.data;
  return (
    <>
      <PageHeader crumbs={[{ label: 'Developer Tools' }, { label: 'Notifications' }]} title="Notifications" description="SNS topics, notification rules, what was delivered, and the events as they happen." />
      {query.error !== undefined && (summary ? <InlineError error={query.error} /> : <ErrorPanel title="The notifications could not be read" error={query.error} onRetry={query.reload} />)}
      {query.loading && !summary ? (
        <Loading what="notifications" />
      ) : summary ? (
        <>
          <div class="card">
            <h2>Notification rules</h2>
            <Rules summary={summary} />
          </div>
          <div class="card">
            <h2>SNS topics</h2>
            <Topics summary={summary} />
          </div>
          <div class="card">
            <h2>Recent deliveries</h2>
            <Deliveries summary={summary} />
          </div>
          <div class="card">
            <h2>Local mailbox</h2>
            <Mailbox summary={summary} />
          </div>
        </>
      ) : null}
      <EventFeed account={account} region={region} />
    </>
  );
}
