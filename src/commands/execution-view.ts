import { isFinalStatus } from '../model/index.js';

/** What the terminal shows of one execution: its status and each stage's and action's status. */
export interface ExecutionView {
  pipelineName: string;
  executionId: string;
  status: string;
  summary?: string;
  elapsedMs: number;
  stages: { name: string; status: string; waiting: boolean; actions: { name: string; runOrder: number; status: string; detail?: string }[] }[];
}

type Json = Record<string, any>;

function stageStatus(actions: { status: string }[]): string {
  const statuses = actions.map((a) => a.status);
  if (statuses.includes('InProgress')) return 'InProgress';
  if (statuses.includes('Failed')) return 'Failed';
  if (statuses.includes('Abandoned')) return 'Stopped';
  if (statuses.length && statuses.every((s) => s === 'Succeeded')) return 'Succeeded';
  return statuses.some((s) => s === 'Succeeded') ? 'InProgress' : 'Pending';
}

/** Builds the view from GetPipeline, GetPipelineExecution, ListActionExecutions and GetPipelineState answers. */
export function buildView(pipeline: Json, execution: Json, actionDetails: Json[], state: Json, nowMs: number): ExecutionView {
  const latest = new Map<string, Json>();
  // ListActionExecutions is newest first: the first seen per action is its latest attempt.
  for (const d of actionDetails) if (!latest.has(`${d.stageName}/${d.actionName}`)) latest.set(`${d.stageName}/${d.actionName}`, d);
  const waitingAt = (state.stageStates ?? []).find((s: Json) => s.inboundExecution?.pipelineExecutionId === execution.pipelineExecutionId || (s.inboundExecutions ?? []).some((e: Json) => e.pipelineExecutionId === execution.pipelineExecutionId))?.stageName;
  const stages = (pipeline.stages ?? []).map((stage: Json) => {
    const actions = stage.actions.map((a: Json) => {
      const d = latest.get(`${stage.name}/${a.name}`);
      const detail = d?.output?.executionResult?.errorDetails?.message ?? d?.output?.executionResult?.externalExecutionSummary;
      return { name: a.name, runOrder: a.runOrder ?? 1, status: d?.status ?? 'Pending', ...(detail ? { detail } : {}) };
    });
    return { name: stage.name, status: stageStatus(actions), waiting: stage.name === waitingAt, actions };
  });
  const startMs = (execution.startTime ?? nowMs / 1000) * 1000;
  return {
    pipelineName: execution.pipelineName,
    executionId: execution.pipelineExecutionId,
    status: execution.status,
    ...(execution.statusSummary ? { summary: execution.statusSummary } : {}),
    elapsedMs: Math.max(0, nowMs - startMs),
    stages,
  };
}

const ICONS: Record<string, string> = { Succeeded: '✔', Failed: '✖', InProgress: '◐', Stopped: '■', Abandoned: '■', Pending: '·', Superseded: '↷', Cancelled: '⊘', Stopping: '◐' };
const COLOURS: Record<string, string> = { Succeeded: '32', Failed: '31', InProgress: '34', Stopping: '33', Stopped: '33', Abandoned: '33', Superseded: '90', Cancelled: '90', Pending: '90' };

function paint(text: string, status: string, colour: boolean): string {
  return colour ? `\u001b[${COLOURS[status] ?? '0'}m${text}\u001b[0m` : text;
}

/** Renders the view as lines: one for the execution, one per stage, one per action. */
export function renderView(view: ExecutionView, colour: boolean): string[] {
  const icon = (s: string) => paint(ICONS[s] ?? '?', s, colour);
  const lines = [`${icon(view.status)} ${view.pipelineName}  execution ${view.executionId}  ${paint(view.status, view.status, colour)}  ${(view.elapsedMs / 1000).toFixed(1)}s`];
  for (const stage of view.stages) {
    const status = stage.waiting ? 'waiting at the inbound transition' : stage.status;
    lines.push(`  ${icon(stage.waiting ? 'Pending' : stage.status)} ${stage.name.padEnd(20)} ${paint(status, stage.status, colour)}`);
    for (const a of stage.actions) {
      const detail = a.detail ? `  ${a.detail.length > 80 ? `${a.detail.slice(0, 77)}...` : a.detail}` : '';
      lines.push(`      ${icon(a.status)} ${a.name.padEnd(18)} ${paint(a.status, a.status, colour)}${detail}`);
    }
  }
  if (view.summary && isFinalStatus(view.status)) lines.push(`  ${view.summary}`);
  return lines;
}
