import { formatArn } from '../shared/index.js';
import type { CodeBuildProject, CommandExecutionRecord, SandboxRecord, SandboxSessionRecord, Scope } from '../store/index.js';

/**
 * A sandbox's status, as this emulator moves it (AWS's model types it as a plain string and documents no values;
 * these words are inferred from its builds' statuses): QUEUED when StartSandbox answers, IN_PROGRESS once its
 * container runs commands, STOPPING when StopSandbox answers, then STOPPED; FAILED when it could not start;
 * TIMED_OUT when the project's timeout ended it.
 */
export const SandboxStatus = { QUEUED: 'QUEUED', IN_PROGRESS: 'IN_PROGRESS', STOPPING: 'STOPPING', STOPPED: 'STOPPED', FAILED: 'FAILED', TIMED_OUT: 'TIMED_OUT' } as const;
/** A value of {@link SandboxStatus}. */
export type SandboxStatus = (typeof SandboxStatus)[keyof typeof SandboxStatus];

/** The statuses of a sandbox that has not ended. */
export const LIVE_SANDBOX_STATUSES: readonly string[] = [SandboxStatus.QUEUED, SandboxStatus.IN_PROGRESS, SandboxStatus.STOPPING];

/** The ARN of a sandbox: `arn:aws:codebuild:<region>:<account>:sandbox/<project>:<uuid>` (format inferred from builds'). */
export function sandboxArn(scope: Scope, sandboxId: string): string {
  return formatArn({ service: 'codebuild', region: scope.region, account: scope.account, resource: `sandbox/${sandboxId}` });
}

/** The sandbox id a `sandboxId` or `sandboxArn` parameter names. */
export function sandboxIdOf(idOrArn: string): string {
  const at = idOrArn.startsWith('arn:') ? idOrArn.indexOf(':sandbox/') : -1;
  return at < 0 ? idOrArn : idOrArn.slice(at + ':sandbox/'.length);
}

/** A new sandbox of a project as StartSandbox answers it: SUBMITTED done, QUEUED begun. */
export function newSandbox(scope: Scope, project: CodeBuildProject, uuid: string, nowMs: number): SandboxRecord {
  const id = `${project.name}:${uuid}`;
  const session: SandboxSessionRecord = {
    id: uuid,
    status: SandboxStatus.QUEUED,
    startMs: nowMs,
    currentPhase: 'QUEUED',
    phases: [
      { phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', startMs: nowMs, endMs: nowMs },
      { phaseType: 'QUEUED', startMs: nowMs },
    ],
    logs: { groupName: `/aws/codebuild/${project.name}`, streamName: `sandbox/${uuid}`, deepLink: '' },
  };
  return {
    id,
    arn: sandboxArn(scope, id),
    account: scope.account,
    region: scope.region,
    projectName: project.name,
    requestMs: nowMs,
    status: SandboxStatus.QUEUED,
    source: project.source,
    ...(project.sourceVersion ? { sourceVersion: project.sourceVersion } : {}),
    ...(project.secondarySources?.length ? { secondarySources: project.secondarySources } : {}),
    environment: project.environment,
    timeoutInMinutes: project.timeoutInMinutes,
    queuedTimeoutInMinutes: project.queuedTimeoutInMinutes,
    encryptionKey: project.encryptionKey,
    serviceRole: project.serviceRole,
    ...(project.logsConfig ? { logConfig: project.logsConfig as Record<string, unknown> } : {}),
    currentSession: session,
  };
}

/** The session with the running phase ended as `status` and `next` begun (none when the session has ended). */
export function advancePhase(session: SandboxSessionRecord, status: string, nowMs: number, next?: string, context?: { statusCode: string; message: string }): SandboxSessionRecord {
  const phases = session.phases.map((p, i) =>
    i === session.phases.length - 1 && p.endMs === undefined ? { ...p, phaseStatus: status, endMs: nowMs, ...(context ? { contexts: [context] } : {}) } : p,
  );
  if (next !== undefined) phases.push({ phaseType: next, startMs: nowMs });
  return { ...session, phases, currentPhase: next ?? session.currentPhase };
}

/** A new command execution as StartCommandExecution answers it. */
export function newCommandExecution(sandbox: SandboxRecord, uuid: string, command: string, type: string, nowMs: number): CommandExecutionRecord {
  return {
    id: uuid,
    sandboxId: sandbox.id,
    sandboxArn: sandbox.arn,
    submitMs: nowMs,
    status: 'SUBMITTED',
    command,
    type,
    logs: { groupName: sandbox.currentSession.logs.groupName, streamName: `${sandbox.currentSession.logs.streamName}/${uuid}`, deepLink: '' },
  };
}
