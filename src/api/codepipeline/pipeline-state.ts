import type { GetPipelineStateInput, GetPipelineStateOutput } from '@aws-sdk/client-codepipeline';
import type { ActionDeclaration, ActionExecutionRecord, ActionTypeSettings, PipelineExecutionRecord, StageExecutionRecord, TransitionRecord } from '../../model/index.js';
import { renderUrlTemplate } from '../../jobs/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import type { RequestContext, HandlerInput, HandlerOutput } from '../protocol/index.js';
import { actionLatestExecution } from './action-execution-view.js';
import { actionTypeSettings, executionUrlOf } from './built-in-links.js';
import { stageConditionStates } from './conditions.js';
import type { CodePipelineDeps } from './deps.js';
import { requirePipeline } from './pipelines.js';

function transitionState(t: TransitionRecord | undefined) {
  if (!t) return { enabled: true };
  return {
    enabled: t.enabled,
    ...(t.lastChangedBy ? { lastChangedBy: t.lastChangedBy } : {}),
    ...(t.lastChangedMs !== undefined ? { lastChangedAt: toEpochSeconds(t.lastChangedMs) } : {}),
    ...(t.disabledReason ? { disabledReason: t.disabledReason } : {}),
  };
}

function actionState(action: ActionDeclaration, latest: ActionExecutionRecord | undefined, lastRevision: ActionExecutionRecord | undefined, showToken: boolean, settings: ActionTypeSettings | undefined) {
  const revision = lastRevision?.revision;
  const configuration = action.configuration ?? {};
  const entityUrl = renderUrlTemplate(settings?.entityUrlTemplate, configuration);
  // A source's revision is what its execution fetched (the commit, the object version): the execution link names it.
  // (Kept for runs recorded before source revisions carried their link; other categories' revisions, such as a
  // deploy's bundle location, are not what their execution link names.)
  const fromTemplate = () => (action.actionTypeId.category === 'Source' ? renderUrlTemplate(settings?.executionUrlTemplate, configuration, revision?.revisionId) : undefined);
  const revisionUrl = revision && (revision.url ?? fromTemplate());
  const latestExecution = latest && { ...actionLatestExecution(latest, showToken), ...optional('externalExecutionUrl', executionUrlOf(latest, settings)) };
  return {
    actionName: action.name,
    ...optional('entityUrl', entityUrl),
    ...(revision ? { currentRevision: { revisionId: revision.revisionId, revisionChangeId: revision.revisionChangeId, created: toEpochSeconds(revision.createdMs) } } : {}),
    ...(latestExecution ? { latestExecution } : {}),
    ...optional('revisionUrl', revisionUrl),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [key in K]?: string } {
  return value ? ({ [key]: value } as { [key in K]: string }) : {};
}

function inbound(waiting: PipelineExecutionRecord[]) {
  if (!waiting.length) return {};
  const view = (r: PipelineExecutionRecord) => ({ pipelineExecutionId: r.id, status: r.status, type: r.executionType });
  return { inboundExecution: view(waiting[waiting.length - 1]), ...(waiting.length > 1 ? { inboundExecutions: waiting.map(view) } : {}) };
}

function stageLatest(stage: StageExecutionRecord | undefined, typeOf: (executionId: string) => string) {
  if (!stage) return {};
  const retried = stage.manualRetryAttempt > 0 || stage.autoRetryAttempt > 0;
  return {
    latestExecution: { pipelineExecutionId: stage.executionId, status: stage.status, type: typeOf(stage.executionId) },
    ...(retried
      ? {
          // RetryAttempt has a minimum of 1 in the model: a count still at 0 is left out.
          retryStageMetadata: {
            ...(stage.autoRetryAttempt > 0 ? { autoStageRetryAttempt: stage.autoRetryAttempt } : {}),
            ...(stage.manualRetryAttempt > 0 ? { manualStageRetryAttempt: stage.manualRetryAttempt } : {}),
            ...(stage.latestRetryTrigger ? { latestRetryTrigger: stage.latestRetryTrigger } : {}),
          },
        }
      : {}),
  };
}

/** GetPipelineState: per stage its inbound transition and waiting executions, latest stage execution and each action's latest execution. */
export function getPipelineState(deps: CodePipelineDeps, input: HandlerInput<GetPipelineStateInput>, ctx: RequestContext): HandlerOutput<GetPipelineStateOutput> {
  const pipeline = requirePipeline(deps, ctx, input.name);
  const stages = deps.executions.latestStages(ctx, input.name);
  const actions = deps.actions.latestPerAction(ctx, input.name);
  const transitions = deps.actions.transitions(ctx, input.name);
  const active = deps.executions.activeOf(ctx, input.name);
  // In PARALLEL mode AWS shows approval tokens only through ListActionExecutions.
  const showToken = pipeline.declaration.executionMode !== 'PARALLEL';
  const revisions = deps.actions.latestRevisions(ctx, input.name);
  const typeOf = (executionId: string) => deps.executions.get(ctx, input.name, executionId)?.executionType ?? 'STANDARD';
  return {
    pipelineName: input.name,
    pipelineVersion: pipeline.declaration.version,
    stageStates: pipeline.declaration.stages.map((stage) => ({
      stageName: stage.name,
      ...inbound(active.filter((e) => e.waitingStage === stage.name)),
      inboundTransitionState: transitionState(transitions.get(stage.name)),
      actionStates: stage.actions.map((a) =>
        actionState(a, actions.get(`${stage.name}/${a.name}`), revisions.get(`${stage.name}/${a.name}`), showToken, actionTypeSettings(deps, ctx, a.actionTypeId)),
      ),
      ...stageLatest(stages.get(stage.name), typeOf),
      ...stageConditionStates(deps, ctx, input.name, stage),
    })),
    created: toEpochSeconds(pipeline.createdMs),
    updated: toEpochSeconds(pipeline.updatedMs),
  };
}
