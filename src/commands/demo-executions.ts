import { setTimeout as sleep } from 'node:timers/promises';
import { isFinalStatus } from '../model/index.js';
import { followExecution, type FollowOutput } from './follow-execution.js';
import type { PipelineOutcome } from './demo-resources.js';
import type { Say } from './demo-steps.js';
import type { LocalClients } from './local-clients.js';

const APPEAR_TIMEOUT_MS = 30_000; // a push starts its execution within a second; this is room for a loaded machine
const POLL_MS = 100;

/** One execution as ListPipelineExecutions summarises it. */
export interface ExecutionSummary {
  pipelineExecutionId: string;
  status: string;
  trigger?: { triggerType?: string };
  sourceRevisions?: { revisionId?: string }[];
}

/** The pipeline's executions, newest first. */
export async function listExecutions(api: LocalClients, pipelineName: string): Promise<ExecutionSummary[]> {
  const { sdk, client } = await api.codePipeline();
  const { pipelineExecutionSummaries } = await client.send(new sdk.ListPipelineExecutionsCommand({ pipelineName, maxResults: 100 }), api.options());
  return (pipelineExecutionSummaries ?? []) as ExecutionSummary[];
}

/** Waits for an execution that is not among `known` (and, when given, was started by `triggerType`), and returns it. */
export async function waitForNewExecution(api: LocalClients, pipelineName: string, known: ReadonlySet<string>, triggerType?: string): Promise<ExecutionSummary> {
  const deadline = Date.now() + APPEAR_TIMEOUT_MS;
  for (;;) {
    const found = (await listExecutions(api, pipelineName)).find((s) => !known.has(s.pipelineExecutionId) && (!triggerType || s.trigger?.triggerType === triggerType));
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no new execution${triggerType ? ` with trigger ${triggerType}` : ''} of ${pipelineName} started within ${APPEAR_TIMEOUT_MS / 1000} s`);
    }
    await sleep(POLL_MS);
  }
}

/** What happened before the first execution step: how the pipeline was set up, and the commit the repository now has. */
export interface PipelineSetup {
  outcome: PipelineOutcome;
  /** The executions that existed before the demo pushed. */
  before: ReadonlySet<string>;
  pushed: boolean;
  head: string;
}

/**
 * The execution that deploys the head commit: the one CreatePipeline or the push started, the one still
 * running, or a new one; undefined when the newest execution already deployed the head commit (a second run).
 */
export async function executionForHead(api: LocalClients, pipelineName: string, setup: PipelineSetup, say: Say): Promise<string | undefined> {
  if (setup.outcome === 'created' || setup.pushed) {
    const started = await waitForNewExecution(api, pipelineName, setup.before);
    say(`execution ${started.pipelineExecutionId} was started by ${setup.outcome === 'created' ? 'CreatePipeline' : `the push (${started.trigger?.triggerType})`}`);
    return started.pipelineExecutionId;
  }
  const [newest] = await listExecutions(api, pipelineName);
  if (newest && !isFinalStatus(newest.status)) {
    say(`execution ${newest.pipelineExecutionId} is already running`);
    return newest.pipelineExecutionId;
  }
  if (newest?.status === 'Succeeded' && newest.sourceRevisions?.[0]?.revisionId === setup.head) {
    say(`execution ${newest.pipelineExecutionId} already deployed commit ${setup.head.slice(0, 8)}: nothing to run`);
    return undefined;
  }
  const { sdk, client } = await api.codePipeline();
  const { pipelineExecutionId } = await client.send(new sdk.StartPipelineExecutionCommand({ name: pipelineName }), api.options());
  say(`started execution ${pipelineExecutionId} (the last one ${newest ? `ended ${newest.status}` : 'is missing'})`);
  return pipelineExecutionId;
}

/** Follows an execution stage by stage until it ends; throws, naming what failed, unless it succeeded. */
export async function followToSuccess(api: LocalClients, pipelineName: string, executionId: string, output: FollowOutput): Promise<void> {
  if ((await followExecution(api, pipelineName, executionId, output)) === 0) return;
  const { sdk, client } = await api.codePipeline();
  const { pipelineExecution } = await client.send(new sdk.GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }), api.options());
  const { actionExecutionDetails = [] } = await client.send(new sdk.ListActionExecutionsCommand({ pipelineName, filter: { pipelineExecutionId: executionId } }), api.options());
  const failed = actionExecutionDetails
    .filter((a) => a.status === 'Failed')
    .map((a) => `${a.stageName}/${a.actionName}${a.output?.executionResult?.externalExecutionUrl ? ` (details: ${a.output.executionResult.externalExecutionUrl})` : ''}`);
  const summary = pipelineExecution?.statusSummary ? `: ${pipelineExecution.statusSummary}` : '';
  throw new Error(`execution ${executionId} ended ${pipelineExecution?.status}${summary}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
}
