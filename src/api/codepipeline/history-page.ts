import { decodeNextToken, encodeNextToken, type RequestContext } from '../protocol/index.js';
import type { CodePipelineDeps } from './deps.js';
import { requireExecution } from './executions.js';
import { invalidNextToken } from './invalid-next-token.js';
import { requirePipeline } from './pipelines.js';

/** What ListActionExecutions and ListRuleExecutions take to choose a page. */
interface HistoryPageInput {
  pipelineName: string;
  filter?: { pipelineExecutionId?: string; latestInPipelineExecution?: { pipelineExecutionId?: string } };
  nextToken?: string;
  maxResults?: number;
}

/**
 * Where a page of an execution history starts: the execution it is filtered on (which must exist, else the
 * pipeline must), the sequence number to read below, and the page size.
 */
export function historyPage(deps: CodePipelineDeps, ctx: RequestContext, input: HistoryPageInput): { executionId?: string; before: number; pageSize: number } {
  const executionId = input.filter?.pipelineExecutionId ?? input.filter?.latestInPipelineExecution?.pipelineExecutionId;
  if (executionId) requireExecution(deps, ctx, input.pipelineName, executionId);
  else requirePipeline(deps, ctx, input.pipelineName);
  const before = input.nextToken === undefined ? Number.MAX_SAFE_INTEGER : decodeNextToken(input.nextToken)?.before;
  if (typeof before !== 'number') throw invalidNextToken();
  return { executionId, before, pageSize: input.maxResults ?? 100 };
}

/** The page of rows read one past its size, and the token of the next page when there is one. */
export function pageOf<T extends { seq: number }>(rows: T[], pageSize: number): { page: T[]; nextToken?: string } {
  const page = rows.slice(0, pageSize);
  return rows.length > pageSize ? { page, nextToken: encodeNextToken({ before: page[page.length - 1].seq }) } : { page };
}
