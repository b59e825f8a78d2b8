/**
 * The soak benchmark's executions: keeps one execution running in each of N pipelines (an S3 source, then a Manual
 * approval that the keeper approves after a hold), starting the next as soon as it approved the last, so N executions
 * are in flight all the time without any Docker work.
 */
import { closedLoops, type OperationStats, type RecordedCall } from './bench-load.js';
import { call } from './bench-server.js';

/** Where the soak pipelines read their source: `<s3Dir>/<bucket>/<key>`, a small zip the benchmark writes. */
export const SOAK_SOURCE = { bucket: 'soak-source', key: 'app.zip' };
const APPROVE_STAGE = 'Approve';
const APPROVAL_ACTION = 'Approval';
const POLL_MS = 200; // milliseconds between two looks at a pipeline waiting for its approval
const STUCK_AFTER_MS = 60_000; // an execution whose approval has not come up by then counts as stuck

/** A pipeline of an S3 source and a Manual approval, in SUPERSEDED mode, that polls nothing. */
export function soakPipeline(name: string) {
  return {
    name,
    roleArn: 'arn:aws:iam::000000000000:role/soak',
    artifactStore: { type: 'S3', location: 'soak-artifacts' },
    stages: [
      {
        name: 'Source',
        actions: [
          {
            name: 'Source',
            actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' },
            configuration: { S3Bucket: SOAK_SOURCE.bucket, S3ObjectKey: SOAK_SOURCE.key, PollForSourceChanges: 'false' },
            outputArtifacts: [{ name: 'SourceArtifact' }],
          },
        ],
      },
      { name: APPROVE_STAGE, actions: [{ name: APPROVAL_ACTION, actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
    ],
  };
}

/** An approval waiting for a review: the execution it belongs to and the token to answer it with. */
interface Waiting {
  executionId: string;
  token: string;
}

/** Keeps executions running in the soak pipelines and checks, at the end, that every approved one succeeded. */
export class ExecutionKeeper {
  /** Executions approved so far, by pipeline. */
  private readonly approved = new Map<string, string[]>();
  private readonly lastToken = new Map<string, string>();

  constructor(
    private readonly pipelines: string[],
    private readonly api: RecordedCall,
    private readonly stats: () => OperationStats,
    private readonly holdMs: number,
  ) {}

  /** How many executions the keeper approved. */
  get completed(): number {
    return [...this.approved.values()].reduce((a, ids) => a + ids.length, 0);
  }

  /** Runs one loop per pipeline until `untilMs` (a performance.now() time). */
  run(untilMs: number): Promise<void> {
    return closedLoops(this.pipelines.length, untilMs, (slot) => this.cycle(this.pipelines[slot], untilMs));
  }

  /** Waits for the pipeline's current execution to reach its approval, holds it, approves it and starts the next. */
  private async cycle(name: string, untilMs: number): Promise<boolean> {
    const waiting = await this.untilApproval(name, untilMs);
    if (waiting === 'over') return true;
    if (waiting === 'stuck') {
      this.stats().fail('execution', `${name}: no approval came up within ${STUCK_AFTER_MS / 1000} s`);
      return Boolean(await this.api('StartPipelineExecution', { name }));
    }
    await new Promise((r) => setTimeout(r, this.holdMs));
    const result = { summary: 'soak', status: 'Approved' };
    const answered = await this.api('PutApprovalResult', { pipelineName: name, stageName: APPROVE_STAGE, actionName: APPROVAL_ACTION, result, token: waiting.token });
    if (!answered) return false;
    this.lastToken.set(name, waiting.token);
    const approved = this.approved.get(name) ?? [];
    this.approved.set(name, approved);
    approved.push(waiting.executionId);
    return Boolean(await this.api('StartPipelineExecution', { name }));
  }

  /** Polls GetPipelineState until the approval asks for a review it has not answered yet, the execution is stuck, or the run is over. */
  private async untilApproval(name: string, untilMs: number): Promise<Waiting | 'stuck' | 'over'> {
    const deadline = performance.now() + STUCK_AFTER_MS;
    while (performance.now() < deadline) {
      if (performance.now() >= untilMs) return 'over';
      const state = await this.api('GetPipelineState', { name });
      const stage = state?.stageStates?.find((s: { stageName: string }) => s.stageName === APPROVE_STAGE);
      const latest = stage?.actionStates?.[0]?.latestExecution;
      if (latest?.status === 'InProgress' && latest.token && latest.token !== this.lastToken.get(name)) {
        return { executionId: stage.latestExecution.pipelineExecutionId, token: latest.token };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return 'stuck';
  }

  /**
   * Checks through ListPipelineExecutions (unrecorded: the load is over) that every approved execution succeeded,
   * giving the last ones a few seconds to finish; returns a problem per execution that did not.
   */
  async verify(url: string): Promise<string[]> {
    const problems: string[] = [];
    for (const [name, ids] of this.approved) {
      let statuses = await this.statuses(url, name);
      for (let tries = 0; tries < 25 && ids.some((id) => statuses.get(id) === 'InProgress'); tries++) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        statuses = await this.statuses(url, name);
      }
      for (const id of ids) if (statuses.get(id) !== 'Succeeded') problems.push(`${name} ${id}: ${statuses.get(id) ?? 'not listed'} after approval`);
    }
    return problems;
  }

  private async statuses(url: string, name: string): Promise<Map<string, string>> {
    const statuses = new Map<string, string>();
    let nextToken: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const { status, json } = await call(url, 'ListPipelineExecutions', { pipelineName: name, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      if (status !== 200) throw new Error(`ListPipelineExecutions ${name} answered ${status}: ${JSON.stringify(json)}`);
      for (const e of json.pipelineExecutionSummaries ?? []) statuses.set(e.pipelineExecutionId, e.status);
      nextToken = json.nextToken;
      if (!nextToken) break;
    }
    return statuses;
  }
}
