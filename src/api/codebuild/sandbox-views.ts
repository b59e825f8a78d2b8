import type { CommandExecution, Sandbox } from '@aws-sdk/client-codebuild';
import { toEpochSeconds } from '../../shared/index.js';
import type { CommandExecutionRecord, SandboxRecord } from '../../store/index.js';
import type { HandlerOutput } from '../protocol/index.js';


/** A sandbox as CodeBuild's API shows it (Sandbox), with epoch-second timestamps. */
export function sandboxView(sandbox: SandboxRecord): HandlerOutput<Sandbox> {
  const { account: _a, region: _r, requestMs, startMs, endMs, containerName: _c, currentSession: session, ...shown } = sandbox;
  return {
    ...shown,
    requestTime: toEpochSeconds(requestMs),
    ...(startMs !== undefined ? { startTime: toEpochSeconds(startMs) } : {}),
    ...(endMs !== undefined ? { endTime: toEpochSeconds(endMs) } : {}),
    currentSession: {
      id: session.id,
      status: session.status,
      startTime: toEpochSeconds(session.startMs),
      ...(session.endMs !== undefined ? { endTime: toEpochSeconds(session.endMs) } : {}),
      currentPhase: session.currentPhase,
      ...(session.resolvedSourceVersion !== undefined ? { resolvedSourceVersion: session.resolvedSourceVersion } : {}),
      phases: session.phases.map((p) => ({
        phaseType: p.phaseType,
        startTime: toEpochSeconds(p.startMs),
        ...(p.phaseStatus !== undefined ? { phaseStatus: p.phaseStatus } : {}),
        ...(p.endMs !== undefined ? { endTime: toEpochSeconds(p.endMs), durationInSeconds: Math.floor((p.endMs - p.startMs) / 1000) } : {}),
        ...(p.contexts ? { contexts: p.contexts } : {}),
      })),
      logs: { groupName: session.logs.groupName, streamName: session.logs.streamName },
    },
  } as HandlerOutput<Sandbox>;
}

/** A command execution as CodeBuild's API shows it (CommandExecution), with epoch-second timestamps. */
export function commandExecutionView(command: CommandExecutionRecord): HandlerOutput<CommandExecution> {
  const { submitMs, startMs, endMs, logs, ...shown } = command;
  return {
    ...shown,
    submitTime: toEpochSeconds(submitMs),
    ...(startMs !== undefined ? { startTime: toEpochSeconds(startMs) } : {}),
    ...(endMs !== undefined ? { endTime: toEpochSeconds(endMs) } : {}),
    logs: { groupName: logs.groupName, streamName: logs.streamName },
  } as HandlerOutput<CommandExecution>;
}
