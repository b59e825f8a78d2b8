import type { BuildPhase, BuildRecord } from '../model/index.js';
import { awsEvent, type AwsEvent, type EventOrigin } from './aws-event.js';

/** The CodeBuild detail-types EventBridge carries. */
export const BUILD_DETAIL_TYPES = { state: 'CodeBuild Build State Change', phase: 'CodeBuild Build Phase Change' } as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** CodeBuild's time layout inside events: `Sep 1, 2017 4:12:29 PM` (UTC). */
export function codeBuildEventTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function phaseContext(phase: BuildPhase): string {
  return JSON.stringify((phase.contexts ?? []).map((c) => `${c.statusCode}: ${c.message}`));
}

function phaseView(phase: BuildPhase): Record<string, unknown> {
  const view: Record<string, unknown> = { 'phase-context': (phase.contexts ?? []).map((c) => `${c.statusCode}: ${c.message}`), 'start-time': codeBuildEventTime(phase.startMs) };
  if (phase.endMs !== undefined) {
    view['end-time'] = codeBuildEventTime(phase.endMs);
    view['duration-in-seconds'] = Math.round((phase.endMs - phase.startMs) / 1000);
  }
  view['phase-type'] = phase.phaseType;
  if (phase.phaseStatus) view['phase-status'] = phase.phaseStatus;
  return view;
}

function additionalInformation(build: BuildRecord): Record<string, unknown> {
  const env = build.environment;
  return {
    artifact: { location: build.artifacts.location ?? '' },
    environment: {
      image: env.image,
      'privileged-mode': env.privilegedMode ?? false,
      'compute-type': env.computeType,
      type: env.type,
      'environment-variables': (env.environmentVariables ?? []).map((v) => ({ name: v.name, type: v.type ?? 'PLAINTEXT', value: v.value })),
    },
    'timeout-in-minutes': build.timeoutInMinutes,
    'build-complete': build.buildComplete,
    'build-number': build.buildNumber,
    initiator: build.initiator,
    'build-start-time': codeBuildEventTime(build.startMs),
    source: { location: build.source.location ?? '', type: build.source.type },
    'source-version': build.sourceVersion ?? build.resolvedSourceVersion ?? '',
    logs: { 'group-name': build.logs.groupName, 'stream-name': build.logs.streamName, 'deep-link': build.logs.deepLink },
    phases: build.phases.map(phaseView),
  };
}

/** `CodeBuild Build State Change`: the build's status (IN_PROGRESS, SUCCEEDED, FAILED, STOPPED) and its current phase. */
export function buildStateChange(origin: EventOrigin, build: BuildRecord): AwsEvent {
  const current = build.phases.at(-1);
  return awsEvent(origin, 'aws.codebuild', BUILD_DETAIL_TYPES.state, [build.arn], {
    'build-status': build.buildStatus,
    'project-name': build.projectName,
    'build-id': build.arn,
    'additional-information': additionalInformation(build),
    'current-phase': build.currentPhase,
    'current-phase-context': current ? phaseContext(current) : '[]',
    version: '1',
  });
}

/** `CodeBuild Build Phase Change` for one phase that has just ended. */
export function buildPhaseChange(origin: EventOrigin, build: BuildRecord, phase: BuildPhase): AwsEvent {
  return awsEvent(origin, 'aws.codebuild', BUILD_DETAIL_TYPES.phase, [build.arn], {
    'completed-phase': phase.phaseType,
    'project-name': build.projectName,
    'build-id': build.arn,
    'completed-phase-context': phaseContext(phase),
    'additional-information': additionalInformation(build),
    'completed-phase-status': phase.phaseStatus ?? 'SUCCEEDED',
    'completed-phase-duration-seconds': phase.endMs === undefined ? 0 : Math.round((phase.endMs - phase.startMs) / 1000),
    version: '1',
    'completed-phase-start': codeBuildEventTime(phase.startMs),
    'completed-phase-end': codeBuildEventTime(phase.endMs ?? phase.startMs),
  });
}

/**
 * The events one save of a build record means, given the record saved before it: a phase change for each phase
 * that ended since, and a state change when the build's status moved (or on its first sight).
 */
export function buildEventsBetween(origin: () => EventOrigin, before: BuildRecord | undefined, after: BuildRecord): AwsEvent[] {
  const out: AwsEvent[] = [];
  after.phases.forEach((phase, i) => {
    const was = before?.phases[i];
    if (phase.endMs !== undefined && phase.phaseType !== 'COMPLETED' && (!was || was.endMs === undefined)) out.push(buildPhaseChange(origin(), after, phase));
  });
  if (!before ? after.buildStatus === 'IN_PROGRESS' || after.buildComplete : before.buildStatus !== after.buildStatus) out.push(buildStateChange(origin(), after));
  return out;
}
