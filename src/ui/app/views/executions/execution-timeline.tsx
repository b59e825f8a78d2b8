import type { ActionExecutionDetail } from '../../api/codepipeline.js';
import { Link } from '../../components/link.js';
import { formatDuration, statusLabel } from '../../lib/format.js';
import { paths } from '../../lib/router.js';
import { toneOf } from '../../lib/status.js';
import type { StageRuns } from './execution-data.js';

function Bar({ run, attempt, start, span, now, name }: { run: ActionExecutionDetail; attempt: number; start: number; span: number; now: number; name: string }) {
  const from = run.startTime ?? start;
  const to = run.status === 'InProgress' ? now : (run.lastUpdateTime ?? from);
  const left = ((from - start) / span) * 100;
  const width = Math.max(((to - from) / span) * 100, 0.6);
  return (
    <div class="timeline-row">
      <Link to={paths.action(name, run.pipelineExecutionId, run.actionExecutionId)} class="timeline-label" title={`${run.actionName}: ${statusLabel(run.status)}`}>
        {run.actionName}
        {attempt > 1 && <span class="muted"> (run {attempt})</span>}
      </Link>
      <div class="timeline-track">
        <div class={`timeline-bar tone-${toneOf(run.status)}`} style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} title={`${statusLabel(run.status)} · ${formatDuration((to - from) * 1000)}`} />
      </div>
      <span class="timeline-duration">{formatDuration((to - from) * 1000)}</span>
    </div>
  );
}

/** Which run of its action (1 for the first, 2 after a retry, ...) the i-th action execution of a stage is. */
function attemptOf(runs: ActionExecutionDetail[], i: number): number {
  return runs.slice(0, i + 1).filter((r) => r.actionName === runs[i].actionName).length;
}

/** The stages and actions of an execution on one time axis: when each ran, for how long, and how it ended. */
export function ExecutionTimeline(props: { name: string; stages: StageRuns[]; bounds: { start: number; end: number }; now: number }) {
  const span = props.bounds.end - props.bounds.start;
  return (
    <div class="timeline" data-testid="timeline">
      <div class="timeline-axis">
        <span>0 s</span>
        <span>{formatDuration(span * 500)}</span>
        <span>{formatDuration(span * 1000)}</span>
      </div>
      {props.stages.map((stage) => (
        <div class="timeline-stage" key={stage.stageName}>
          <div class="timeline-stage-name">{stage.stageName}</div>
          {stage.runs.length ? (
            stage.runs.map((run, i) => (
              <Bar key={run.actionExecutionId} run={run} attempt={attemptOf(stage.runs, i)} start={props.bounds.start} span={span} now={props.now} name={props.name} />
            ))
          ) : (
            <div class="timeline-row muted small">Did not run in this execution</div>
          )}
        </div>
      ))}
    </div>
  );
}
