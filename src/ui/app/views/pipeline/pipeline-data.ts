import {
  getPipeline,
  getPipelineState,
  listActionExecutions,
  listPipelineExecutions,
  listRuleExecutions,
  type ActionDeclaration,
  type ActionExecutionDetail,
  type ActionState,
  type GetPipelineOutput,
  type PipelineExecutionSummary,
  type PipelineState,
  type RuleExecutionDetail,
  type StageDeclaration,
  type StageState,
} from '../../api/codepipeline.js';

/** Everything the pipeline view draws, from five API calls made together. */
export interface PipelineViewData {
  pipeline: GetPipelineOutput;
  state: PipelineState;
  executions: PipelineExecutionSummary[];
  /** Recent action executions by actionExecutionId, for start times, durations and execution ids. */
  actionRuns: Map<string, ActionExecutionDetail>;
  /** Recent rule executions (of stage conditions) by ruleExecutionId, for their execution ids, times and inputs. */
  ruleRuns: Map<string, RuleExecutionDetail>;
}

/** Loads the pipeline view: declaration, state, recent executions and recent action executions. */
export async function loadPipelineView(name: string, signal: AbortSignal): Promise<PipelineViewData> {
  const [pipeline, state, executions, actions, rules] = await Promise.all([
    getPipeline(name, undefined, signal),
    getPipelineState(name, signal),
    listPipelineExecutions(name, 10, undefined, signal),
    listActionExecutions(name, undefined, 100, signal),
    listRuleExecutions(name, 100, signal),
  ]);
  return {
    pipeline,
    state,
    executions: executions.pipelineExecutionSummaries ?? [],
    actionRuns: new Map(actions.map((a) => [a.actionExecutionId, a])),
    ruleRuns: new Map(rules.map((r) => [r.ruleExecutionId, r])),
  };
}

/** One action of a stage with its state and latest run. */
export interface ActionView {
  declaration: ActionDeclaration;
  state?: ActionState;
  run?: ActionExecutionDetail;
}

/** One stage with its state and its actions grouped by runOrder (same runOrder side by side). */
export interface StageView {
  declaration: StageDeclaration;
  state?: StageState;
  groups: ActionView[][];
}

/** Pairs each declared stage and action with its state, and groups actions by runOrder. */
export function stageViews(data: PipelineViewData): StageView[] {
  const states = new Map(data.state.stageStates.map((s) => [s.stageName, s]));
  return data.pipeline.pipeline.stages.map((stage) => {
    const state = states.get(stage.name);
    const actionStates = new Map((state?.actionStates ?? []).map((a) => [a.actionName, a]));
    const byOrder = new Map<number, ActionView[]>();
    for (const action of stage.actions) {
      const actionState = actionStates.get(action.name);
      const id = actionState?.latestExecution?.actionExecutionId;
      const view = { declaration: action, state: actionState, run: id ? data.actionRuns.get(id) : undefined };
      const order = action.runOrder ?? 1;
      byOrder.set(order, [...(byOrder.get(order) ?? []), view]);
    }
    const groups = [...byOrder.entries()].sort((a, b) => a[0] - b[0]).map(([, views]) => views);
    return { declaration: stage, state, groups };
  });
}

/** The executions that can still be stopped. */
export function stoppable(executions: PipelineExecutionSummary[]): PipelineExecutionSummary[] {
  return executions.filter((e) => e.status === 'InProgress' || e.status === 'Stopping');
}
