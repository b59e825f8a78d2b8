import {
  getPipeline,
  getPipelineExecution,
  listActionExecutions,
  listPipelineExecutions,
  type ActionExecutionDetail,
  type PipelineDeclaration,
  type PipelineExecution,
  type PipelineExecutionSummary,
} from '../../api/codepipeline.js';

/** An execution with its action executions and the declaration of the version it ran. */
export interface ExecutionData {
  execution: PipelineExecution;
  summary?: PipelineExecutionSummary;
  actions: ActionExecutionDetail[];
  declaration?: PipelineDeclaration;
}

/** Loads one execution, its action executions (oldest first) and its pipeline version. */
export async function loadExecution(name: string, executionId: string, signal: AbortSignal): Promise<ExecutionData> {
  const [execution, actions, recent] = await Promise.all([
    getPipelineExecution(name, executionId, signal),
    listActionExecutions(name, executionId, 1000, signal),
    // GetPipelineExecution has no start time; the summary of a recent execution has.
    listPipelineExecutions(name, 100, undefined, signal),
  ]);
  const declaration = await getPipeline(name, execution.pipelineVersion, signal).then(
    (o) => o.pipeline,
    () => undefined, // an old version may be gone; the timeline then orders stages by time
  );
  const summary = recent.pipelineExecutionSummaries?.find((s) => s.pipelineExecutionId === executionId);
  return { execution, summary, actions: [...actions].reverse(), declaration };
}

/** The action executions of one stage, in the order they started. */
export interface StageRuns {
  stageName: string;
  runs: ActionExecutionDetail[];
}

/** Groups action executions by stage, in the declaration's order (or by first start when it is unknown). */
export function runsByStage(data: ExecutionData): StageRuns[] {
  const byStage = new Map<string, ActionExecutionDetail[]>();
  for (const run of data.actions) byStage.set(run.stageName, [...(byStage.get(run.stageName) ?? []), run]);
  const order = data.declaration?.stages.map((s) => s.name) ?? [...byStage.keys()];
  return order.map((stageName) => ({ stageName, runs: byStage.get(stageName) ?? [] }));
}

/** The span the timeline covers, in epoch seconds: from the execution's start to its end (or now). */
export function timelineBounds(data: ExecutionData, nowSeconds: number, running: boolean): { start: number; end: number } {
  const starts = data.actions.map((a) => a.startTime ?? nowSeconds);
  const ends = data.actions.map((a) => a.lastUpdateTime ?? nowSeconds);
  const start = data.summary?.startTime ?? Math.min(nowSeconds, ...starts);
  const end = running ? nowSeconds : (data.summary?.lastUpdateTime ?? Math.max(start, ...ends));
  return { start, end: Math.max(end, start + 1) };
}
