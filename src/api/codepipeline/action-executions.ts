import type { ListActionExecutionsInput, ListActionExecutionsOutput } from '@aws-sdk/client-codepipeline';
import type { ActionExecutionRecord } from '../../model/index.js';
import { decodeNextToken, encodeNextToken, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { actionExecutionDetail } from './action-execution-view.js';
import { actionTypeSettings, executionUrlOf } from './built-in-links.js';
import type { CodePipelineDeps } from './deps.js';
import { requireExecution } from './executions.js';
import { invalidNextToken } from './invalid-next-token.js';
import { requirePipeline } from './pipelines.js';

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
  const latest = input.filter?.latestInPipelineExecution;
  const executionId = input.filter?.pipelineExecutionId ?? latest?.pipelineExecutionId;
  if (executionId) requireExecution(deps, ctx, input.pipelineName, executionId);
  else requirePipeline(deps, ctx, input.pipelineName);
  const before = input.nextToken === undefined ? Number.MAX_SAFE_INTEGER : decodeNextToken(input.nextToken)?.before;
  if (typeof before !== 'number') throw invalidNextToken();
  const pageSize = input.maxResults ?? 100;
  const detail = (r: ActionExecutionRecord) => actionExecutionDetail(r, executionUrlOf(r, actionTypeSettings(deps, ctx, r.input.actionTypeId)));
  if (latest?.startTimeRange === 'Latest') {
    const records = latestOnly(deps.actions.list(ctx, input.pipelineName, executionId, before, 10_000).map((r) => r.record));
    return { actionExecutionDetails: records.map(detail) };
  }
  const rows = deps.actions.list(ctx, input.pipelineName, executionId, before, pageSize + 1);
  const page = rows.slice(0, pageSize);
  return {
    actionExecutionDetails: page.map((r) => detail(r.record)),
    ...(rows.length > pageSize ? { nextToken: encodeNextToken({ before: page[page.length - 1].seq }) } : {}),
  };
}
