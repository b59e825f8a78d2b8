import type { ExecutionFlow } from './execution-flow.js';
import { type EngineCore, type LiveExecution, pipelineKey } from './engine-core.js';

/** The summary of an action cut short by a restart, so the user knows a retry will run it again. */
export const RESTART_SUMMARY = 'The action was cut short because codepipeline-local restarted while it ran; retry the stage to run it again';

/**
 * Picks up where the emulator stopped: every active execution is driven again. Waiting executions wait
 * again, approvals keep waiting, and actions whose work was cut short are marked Failed.
 */
export function recoverExecutions(core: EngineCore, flow: ExecutionFlow): void {
  abandonCutShortConditions(core);
  const resumes: (() => void)[] = [];
  for (const record of core.executions.active()) {
    const declaration = core.pipelines.getVersion(record, record.pipelineName, record.pipelineVersion);
    if (!declaration) continue;
    const live: LiveExecution = { record, declaration, running: new Map(), ...(record.status === 'Stopping' ? { stopMode: 'wait' as const } : {}) };
    core.live.set(record.id, live);
    if (record.waitingStage) {
      core.gate.enqueue(pipelineKey(record), record.waitingStage, record.id);
      continue;
    }
    const stages = declaration.stages.map((s) => core.executions.getStage(record.id, s.name));
    const current = stages.findIndex((s) => s?.status === 'InProgress' || s?.status === 'Stopping');
    // A failed stage of an execution still in progress was evaluating its onFailure conditions: evaluate them again.
    const failing = stages.findIndex((s) => s?.status === 'Failed');
    if (current < 0 && failing >= 0) {
      core.gate.hold(pipelineKey(record), declaration.stages[failing].name, record.id);
      live.stageIndex = failing;
      resumes.push(() => flow.reactAfterConditions(live, failing, record.statusSummary));
      continue;
    }
    if (current < 0) {
      const next = stages.findLastIndex((s) => s?.status === 'Succeeded' || s?.status === 'Skipped') + 1;
      resumes.push(() => flow.advance(live, next));
      continue;
    }
    core.gate.hold(pipelineKey(record), declaration.stages[current].name, record.id);
    failCutShortActions(core, record.id);
    resumes.push(() => flow.enter(live, current, 'resume'));
  }
  // Holders and queues are all known before anything moves, so no execution jumps a lock it cannot see.
  resumes.forEach((resume) => resume());
}

/** The summary of a rule or condition cut short by a restart; its condition is evaluated again. */
export const CONDITION_RESTART_SUMMARY = 'The evaluation was cut short because codepipeline-local restarted; the condition is evaluated again';

function abandonCutShortConditions(core: EngineCore): void {
  for (const condition of core.conditions.inProgress()) {
    for (const rule of core.conditions.rulesOf(condition.id)) {
      if (rule.status === 'InProgress') core.recorder.moveRule(rule, 'Abandoned', { summary: CONDITION_RESTART_SUMMARY });
    }
    core.recorder.moveCondition(condition, 'Abandoned', { summary: CONDITION_RESTART_SUMMARY });
  }
}

function failCutShortActions(core: EngineCore, executionId: string): void {
  for (const action of core.actions.ofExecution(executionId)) {
    if (action.status !== 'InProgress' || core.providers.find(action.input.actionTypeId)?.resumable) continue;
    core.recorder.moveAction(action, 'Failed', { summary: RESTART_SUMMARY, errorDetails: { code: 'JobFailed', message: RESTART_SUMMARY } });
  }
}
