import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import { isFinalStatus } from '../model/index.js';
import { buildView, renderView, type ExecutionView } from './execution-view.js';
import { errorText, LocalApiClient } from './local-api.js';

const POLL_MS = 400; // milliseconds between refreshes

/** Where the follow display writes, and whether it may redraw in place. */
export interface FollowOutput {
  write(text: string): void;
  err(text: string): void;
  tty: boolean;
}

const processOutput: FollowOutput = { write: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t), tty: Boolean(process.stdout.isTTY) };

async function snapshot(api: LocalApiClient, pipelineName: string, executionId: string): Promise<ExecutionView> {
  const { pipelineExecution } = await api.require('GetPipelineExecution', { pipelineName, pipelineExecutionId: executionId });
  const [{ pipeline }, { actionExecutionDetails }, state] = await Promise.all([
    api.require('GetPipeline', { name: pipelineName, version: pipelineExecution.pipelineVersion }),
    api.require('ListActionExecutions', { pipelineName, filter: { pipelineExecutionId: executionId } }),
    api.require('GetPipelineState', { name: pipelineName }),
  ]);
  const summary = (await api.require('ListPipelineExecutions', { pipelineName, maxResults: 100 })).pipelineExecutionSummaries.find((s: { pipelineExecutionId: string }) => s.pipelineExecutionId === executionId);
  return buildView(pipeline, { ...pipelineExecution, startTime: summary?.startTime }, actionExecutionDetails, state, Date.now());
}

/**
 * Follows an execution until it ends, redrawing a per-stage, per-action display on a terminal (one line
 * per change otherwise). Returns the exit code: 0 when it succeeded, 1 otherwise.
 */
export async function followExecution(api: LocalApiClient, pipelineName: string, executionId: string, output: FollowOutput = processOutput): Promise<number> {
  let drawn = 0;
  let last = '';
  for (;;) {
    const view = await snapshot(api, pipelineName, executionId);
    const lines = renderView(view, output.tty);
    if (output.tty) {
      output.write(`${drawn ? `\u001b[${drawn}A` : ''}${lines.map((l) => `\u001b[2K${l}`).join('\n')}\n`);
      drawn = lines.length;
    } else {
      // Without a terminal, print only what changed (ignoring the clock) so logs stay readable.
      const changed = renderView({ ...view, elapsedMs: 0 }, false).join('\n');
      if (changed !== last) output.write(`${lines.join('\n')}\n`);
      last = changed;
    }
    if (isFinalStatus(view.status)) return view.status === 'Succeeded' ? 0 : 1;
    await sleep(POLL_MS);
  }
}

/** Runs `codepipeline-local start NAME`: starts an execution and follows it unless `detach` is set. */
export async function startCommand(config: Config, name: string | undefined, options: { detach?: boolean }, output: FollowOutput = processOutput): Promise<number> {
  if (!name) return output.err('Usage: codepipeline-local start NAME [--detach]\n'), 2;
  const api = new LocalApiClient(config);
  try {
    const answer = await api.call('StartPipelineExecution', { name });
    if (!answer.ok) return output.err(`${errorText(answer.body)}\n`), 1;
    output.write(`Started execution ${answer.body.pipelineExecutionId} of pipeline ${name}\n`);
    return options.detach ? 0 : await followExecution(api, name, answer.body.pipelineExecutionId, output);
  } catch (error) {
    return output.err(api.describeFailure(error)), 1;
  }
}

/** Runs `codepipeline-local wait NAME [EXECUTION_ID]`: follows an execution (the newest by default) until it ends. */
export async function waitCommand(config: Config, name: string | undefined, executionId: string | undefined, output: FollowOutput = processOutput): Promise<number> {
  if (!name) return output.err('Usage: codepipeline-local wait NAME [EXECUTION_ID]\n'), 2;
  const api = new LocalApiClient(config);
  try {
    let id = executionId;
    if (!id) {
      const { pipelineExecutionSummaries } = await api.require('ListPipelineExecutions', { pipelineName: name, maxResults: 1 });
      id = pipelineExecutionSummaries[0]?.pipelineExecutionId;
      if (!id) return output.err(`Pipeline ${name} has no executions yet\n`), 1;
    }
    return await followExecution(api, name, id!, output);
  } catch (error) {
    return output.err(api.describeFailure(error)), 1;
  }
}
