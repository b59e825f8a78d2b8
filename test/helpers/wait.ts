import { GetPipelineExecutionCommand, ListPipelineExecutionsCommand, type CodePipelineClient, type PipelineExecution } from '@aws-sdk/client-codepipeline';
import { isFinalStatus } from '../../src/model/index.js';

/** How long a wait for something that should happen gives up after, by default: a limit, not a timing. */
export const WAIT_TIMEOUT_MS = 20_000;

/** How long waitFor keeps trying and how often. */
export interface WaitOptions {
  /** Give up after this many milliseconds; 20000 by default (a wait ends as soon as its condition holds, so a long limit costs nothing on a quiet machine and spares a loaded one). */
  timeoutMs?: number;
  /** Pause between attempts in milliseconds; 25 by default. */
  intervalMs?: number;
  /** Said in the timeout error, to tell which wait gave up. */
  description?: string;
}

/**
 * Polls an async getter until it returns something truthy (or a predicate on its value holds), and returns that value.
 * Errors thrown by the getter are retried until the timeout, then rethrown with the last value seen.
 */
export async function waitFor<T>(get: () => Promise<T> | T, options: WaitOptions = {}, until: (value: T) => boolean = Boolean): Promise<T> {
  const timeoutMs = options.timeoutMs ?? WAIT_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await get();
      lastError = undefined;
      if (until(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? String(lastError) : JSON.stringify(last);
      throw new Error(`waitFor${options.description ? ` (${options.description})` : ''} timed out after ${timeoutMs} ms; last seen: ${seen}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until an execution has ended (Succeeded, Failed, Stopped, Superseded or Cancelled) and returns it as GetPipelineExecution shows it. */
export async function waitForExecutionEnd(client: CodePipelineClient, pipelineName: string, pipelineExecutionId: string, options: WaitOptions = {}): Promise<PipelineExecution> {
  const description = options.description ?? `execution ${pipelineExecutionId} of ${pipelineName} to end`;
  const out = await waitFor(
    () => client.send(new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId })),
    { ...options, description },
    (o) => isFinalStatus(o.pipelineExecution?.status ?? ''),
  );
  return out.pipelineExecution!;
}

/** The id of the only execution a newly created pipeline has: the one CreatePipeline started. */
export async function firstExecutionId(client: CodePipelineClient, pipelineName: string): Promise<string> {
  const out = await client.send(new ListPipelineExecutionsCommand({ pipelineName }));
  const summaries = out.pipelineExecutionSummaries ?? [];
  if (summaries.length !== 1) throw new Error(`expected one execution of ${pipelineName}, found ${summaries.length}`);
  return summaries[0].pipelineExecutionId!;
}
