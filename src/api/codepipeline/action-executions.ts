import type { ListActionExecutionsInput, ListActionExecutionsOutput } from '@aws-sdk/client-codepipeline';
import type { ActionExecutionRecord } from '../../model/index.js';
import type { RequestContext, HandlerInput, HandlerOutput } from '../protocol/index.js';
import { actionExecutionDetail } from './action-execution-view.js';
import { actionTypeSettings, executionUrlOf } from './built-in-links.js';
import type { CodePipelineDeps } from './deps.js';
import { historyPage, pageOf } from './history-page.js';

function latestOnly(records: ActionExecutionRecord[]): ActionExecutionRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${r.stageName}/${r.actionName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** ListActionExecutions: newest first, for the pipeline or one execution, with resolved configuration, artifacts and output variables. */
export function listActionExecutions(deps: CodePipelineDeps, input: HandlerInput<ListActionExecutionsInput>, ctx: RequestContext): HandlerOutput<ListActionExecutionsOutput> {
  const { executionId, before, pageSize } = historyPage(deps, ctx, input);
  const detail = (r: ActionExecutionRecord) => actionExecutionDetail(r, executionUrlOf(r, actionTypeSettings(deps, ctx, r.input.actionTypeId)));
  if (input.filter?.latestInPipelineExecution?.startTimeRange === 'Latest') {
    const records = latestOnly(deps.actions.list(ctx, input.pipelineName, executionId, before, 10_000).map((r) => r.record));
    return { actionExecutionDetails: records.map(detail) };
  }
  const { page, nextToken } = pageOf(deps.actions.list(ctx, input.pipelineName, executionId, before, pageSize + 1), pageSize);
  return { actionExecutionDetails: page.map((r) => detail(r.record)), ...(nextToken ? { nextToken } : {}) };
}
