import { getBuild, type BuildPhase } from '../../api/codebuild.js';
import { AwsError } from '../../api/aws.js';
import { ErrorPanel, Loading, Notice } from '../../components/feedback.js';
import { StatusBadge } from '../../components/status.js';
import { Duration } from '../../components/time.js';
import { formatTime, statusLabel } from '../../lib/format.js';
import { useLiveQuery, useNow } from '../../lib/use-live-query.js';
import type { ConsoleEvent } from '../../../shared/console-event.js';
import { BuildLog, sameOriginPath } from './build-log.js';
import { BuildReports } from './build-reports.js';

// CodeBuild spells statuses in capitals; the console's badges use the CodePipeline spelling.
const BUILD_STATUS: Record<string, string> = { SUCCEEDED: 'Succeeded', FAILED: 'Failed', FAULT: 'Failed', TIMED_OUT: 'Failed', IN_PROGRESS: 'InProgress', STOPPED: 'Stopped' };

function PhaseRow({ phase, now }: { phase: BuildPhase; now: number }) {
  const status = phase.phaseStatus ? BUILD_STATUS[phase.phaseStatus] : phase.phaseType === 'COMPLETED' ? undefined : 'InProgress';
  return (
    <tr data-testid={`phase-${phase.phaseType}`}>
      <td>{phase.phaseType}</td>
      <td>{status ? <StatusBadge status={status} label={statusLabel(phase.phaseStatus ?? 'InProgress')} /> : <span class="muted">–</span>}</td>
      <td>{phase.durationInSeconds !== undefined ? `${phase.durationInSeconds} sec` : phase.phaseType === 'COMPLETED' ? '' : <Duration from={phase.startTime} to={phase.endTime} now={now} />}</td>
      <td>{formatTime(phase.startTime)}</td>
      <td class="wrap small">{(phase.contexts ?? []).map((c) => c.message).filter(Boolean).join('; ')}</td>
    </tr>
  );
}

/** A CodeBuild action's build: status, phases with durations, and its log streaming live while it runs. */
export function BuildPanel(props: { buildId: string; relevant: (e: ConsoleEvent) => boolean }) {
  const query = useLiveQuery(`build:${props.buildId}`, (signal) => getBuild(props.buildId, signal), props.relevant);
  const build = query.data;
  const now = useNow(Boolean(build && !build.buildComplete));
  if (query.error instanceof AwsError && query.error.notImplemented) {
    return <Notice tone="warning">This emulator does not serve the CodeBuild API, so the build's phases and log cannot be shown. Build id: {props.buildId}</Notice>;
  }
  if (!build) {
    if (query.error !== undefined) return <ErrorPanel title="The build could not be loaded" error={query.error} onRetry={query.reload} />;
    return query.loading ? <Loading what="the build" /> : <Notice tone="warning">CodeBuild has no build {props.buildId}.</Notice>;
  }
  const logPath = build.logs?.deepLink ? sameOriginPath(build.logs.deepLink) : undefined;
  return (
    <div class="build" data-testid="build-panel">
      <dl class="key-values">
        <div>
          <dt>Build</dt>
          <dd>
            <code>{build.id}</code>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={BUILD_STATUS[build.buildStatus ?? ''] ?? build.buildStatus} label={statusLabel(build.buildStatus)} />
          </dd>
        </div>
        <div>
          <dt>Current phase</dt>
          <dd>{build.currentPhase}</dd>
        </div>
        <div>
          <dt>Image</dt>
          <dd>{build.environment?.image}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            <Duration from={build.startTime} to={build.endTime} now={now} />
          </dd>
        </div>
        <div>
          <dt>Source version</dt>
          <dd>
            <code>{build.resolvedSourceVersion ?? build.sourceVersion ?? '–'}</code>
          </dd>
        </div>
      </dl>
      <h3 class="subsection-title">Phases</h3>
      <table class="table" data-testid="phases-table">
        <thead>
          <tr>
            <th>Phase</th>
            <th>Status</th>
            <th>Duration</th>
            <th>Started</th>
            <th>Context</th>
          </tr>
        </thead>
        <tbody>
          {(build.phases ?? []).map((p) => (
            <PhaseRow key={p.phaseType} phase={p} now={now} />
          ))}
        </tbody>
      </table>
      {build.buildComplete && build.reportArns?.length ? (
        <>
          <h3 class="subsection-title">Reports</h3>
          <BuildReports buildId={build.id} reportArns={build.reportArns} relevant={props.relevant} />
        </>
      ) : null}
      <h3 class="subsection-title">Build logs</h3>
      {logPath ? <BuildLog url={logPath} onPhaseLine={query.reload} onEnd={query.reload} /> : <p class="muted">This build has no log link.</p>}
    </div>
  );
}
