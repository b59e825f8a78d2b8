import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import { isFinalStatus } from '../model/index.js';
import { buildView, renderView, type ExecutionView } from './execution-view.js';
import { LocalClients } from './local-clients.js';

const POLL_MS = 400; // milliseconds between refreshes

/** Where the follow display writes, and whether it may redraw in place. */
export interface FollowOutput {
  write(text: string): void;
  err(text: string): void;
  tty: boolean;
}

const processOutput: FollowOutput = { write: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t), tty: Boolean(process.stdout.isTTY) };

async function snapshot(api: LocalClients, pipelineName: string, executionId: string): Promise<ExecutionView> {
  const { sdk, client } = await api.codePipeline();
  // Asked together, since each round trip is a wait: the pipeline as it is now, which is the version the execution
  // ran in unless the pipeline changed since (then that version is asked for after).
  const asked = client.send(new sdk.GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }), api.options());
  const latest = client.send(new sdk.GetPipelineCommand({ name: pipelineName }), api.options());
  const rest = Promise.all([
    client.send(new sdk.ListActionExecutionsCommand({ pipelineName, filter: { pipelineExecutionId: executionId } }), api.options()),
    client.send(new sdk.GetPipelineStateCommand({ name: pipelineName }), api.options()),
    client.send(new sdk.ListPipelineExecutionsCommand({ pipelineName, maxResults: 100 }), api.options()),
  ]);
  // The execution's failure is the one reported, as when it was asked first; the others' are then not left unhandled.
  latest.catch(() => undefined);
  rest.catch(() => undefined);
  const { pipelineExecution } = await asked;
  let { pipeline } = await latest;
  const version = pipelineExecution?.pipelineVersion;
  if (version !== undefined && pipeline?.version !== version) ({ pipeline } = await client.send(new sdk.GetPipelineCommand({ name: pipelineName, version }), api.options()));
  const [{ actionExecutionDetails }, state, { pipelineExecutionSummaries }] = await rest;
  const startTime = pipelineExecutionSummaries?.find((s) => s.pipelineExecutionId === executionId)?.startTime;
  // The view counts in epoch seconds, as the API's JSON carries them; the SDK gives Dates.
  const execution = { ...pipelineExecution, startTime: startTime && startTime.getTime() / 1000 };
  return buildView(pipeline ?? {}, execution, actionExecutionDetails ?? [], state, Date.now());
}

/**
 * Follows an execution until it ends, redrawing a per-stage, per-action display on a terminal (one line
 * per change otherwise). Returns the exit code: 0 when it succeeded, 1 otherwise.
 */
export async function followExecution(api: LocalClients, pipelineName: string, executionId: string, output: FollowOutput = processOutput): Promise<number> {
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
  const api = new LocalClients(config);
  try {
    const { sdk, client } = await api.codePipeline();
    const { pipelineExecutionId } = await client.send(new sdk.StartPipelineExecutionCommand({ name }), api.options());
    output.write(`Started execution ${pipelineExecutionId} of pipeline ${name}\n`);
    return options.detach ? 0 : await followExecution(api, name, pipelineExecutionId!, output);
  } catch (error) {
    return output.err(api.describeFailure(error)), 1;
  }
}

/** Runs `codepipeline-local wait NAME [EXECUTION_ID]`: follows an execution (the newest by default) until it ends. */
export async function waitCommand(config: Config, name: string | undefined, executionId: string | undefined, output: FollowOutput = processOutput): Promise<number> {
  if (!name) return output.err('Usage: codepipeline-local wait NAME [EXECUTION_ID]\n'), 2;
  const api = new LocalClients(config);
  try {
    let id = executionId;
    if (!id) {
      const { sdk, client } = await api.codePipeline();
      const { pipelineExecutionSummaries } = await client.send(new sdk.ListPipelineExecutionsCommand({ pipelineName: name, maxResults: 1 }), api.options());
      id = pipelineExecutionSummaries?.[0]?.pipelineExecutionId;
      if (!id) return output.err(`Pipeline ${name} has no executions yet\n`), 1;
    }
    return await followExecution(api, name, id!, output);
  } catch (error) {
    return output.err(api.describeFailure(error)), 1;
  }
}
