import { useEffect, useState } from 'preact/hooks';
import { AWS_EVENTS_PATH } from '../../../shared/notifications-summary.js';

/** The most events the feed shows. */
const SHOWN = 50;

interface FeedEvent {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** What an event is about, in a few words: the pipeline, stage and action, the project, the deployment or the repository's branch or tag. */
function subject(e: FeedEvent): string {
  const d = e.detail;
  if (e.source === 'aws.codepipeline') return [d.pipeline, d.stage, d.action].filter(Boolean).join(' › ');
  if (e.source === 'aws.codebuild') return `${String(d['project-name'])}${d['completed-phase'] ? ` › ${String(d['completed-phase'])}` : ''}`;
  if (e.source === 'aws.codedeploy') return `${String(d.application)} › ${String(d.deploymentGroup)} (${String(d.deploymentId)})`;
  if (e.source === 'aws.codecommit' && d.repositoryName) return `${String(d.repositoryName)} › ${String(d.referenceName)}`;
  return e.resources[0] ?? '';
}

function state(e: FeedEvent): string {
  const d = e.detail;
  return String(d.state ?? d['build-status'] ?? d['completed-phase-status'] ?? d.event ?? '');
}

/** The EventBridge-shaped events of this account and region as they happen (with the kept recent ones first). */
export function EventFeed({ account, region }: { account: string; region: string }) {
  const [events, setEvents] = useState<FeedEvent[]>([]);
  useEffect(() => {
    setEvents([]);
    const source = new EventSource(`${AWS_EVENTS_PATH}?format=sse&account=${encodeURIComponent(account)}&region=${encodeURIComponent(region)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as FeedEvent;
      setEvents((shown) => [event, ...shown].slice(0, SHOWN));
    };
    return () => source.close();
  }, [account, region]);
  return (
    <div class="card" data-testid="event-feed">
      <h2>Live events</h2>
      {events.length === 0 ? (
        <p class="muted">No events yet: they appear here as pipelines, builds and deployments run.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Detail type</th>
              <th>About</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-testid="event-row">
                <td>{e.time.slice(11, 19)}</td>
                <td>{e['detail-type']}</td>
                <td class="wrap">{subject(e)}</td>
                <td>{state(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
