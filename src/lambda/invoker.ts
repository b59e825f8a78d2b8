import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaFunctionRecord } from '../model/index.js';
import type { Ids, Logger } from '../shared/index.js';
import { unzipCode } from './function-code.js';
import type { LambdaFunctions } from './functions.js';
import { endLine, logTail, reportLine, startLine, timeoutMessage } from './invocation-log.js';
import { findRuntime, nearestRuntimeNote } from './runtimes.js';
import { SandboxEnginesUnreachable, type SandboxEngines, type SandboxLease } from './sandbox-engines.js';
import { Sandbox, type SandboxOutcome, type SandboxSpec } from './sandbox.js';

/** How long a sandbox is kept warm after its last invocation: 5 minutes (AWS does not document its own). */
export const DEFAULT_WARM_MS = 5 * 60_000;

/** What the invoker needs. */
export interface InvokerDeps {
  /** The engines sandboxes are placed on, each with its Lambda image and the emulator's URL as its containers see it. */
  engines: SandboxEngines;
  functions: LambdaFunctions;
  ids: Ids;
  log: Logger;
  /** The folder each function's log file is appended to. */
  logDir: string;
  warmMs?: number;
  /** Labels added to every sandbox's container (who owns it). */
  labels?: Record<string, string>;
  /** Receives the image build's progress lines (the first invocation builds the image). */
  progress?(line: string): void;
}

/** How an invocation ended, as Invoke answers it. */
export interface InvocationResult {
  requestId: string;
  payload: Buffer;
  /** `Unhandled` when the function failed. */
  functionError?: string;
  /** The invocation's log lines, START to REPORT. */
  log: string[];
  cold: boolean;
}

interface Warm {
  sandbox: Sandbox;
  revisionId: string;
  timer: NodeJS.Timeout;
}

const errorBody = (body: object) => Buffer.from(JSON.stringify(body));

/** Runs functions in sandboxes, one invocation per sandbox at a time; an idle sandbox is kept warm for the next call. */
export class LambdaInvoker {
  private readonly warm = new Map<string, Warm[]>();
  private readonly busy = new Set<Sandbox>();
  private readonly leases = new Map<Sandbox, SandboxLease>();
  private closed = false;

  constructor(private readonly deps: InvokerDeps) {
    deps.functions.onChange((arn) => this.drop(arn));
  }

  /** Invokes a function with an event and waits for its result (RequestResponse). */
  async invoke(fn: LambdaFunctionRecord, event: Buffer, options: { clientContext?: string } = {}): Promise<InvocationResult> {
    const requestId = this.deps.ids.uuid();
    const { sandbox, cold, note } = await this.sandboxFor(fn);
    this.busy.add(sandbox);
    const began = Date.now();
    const outcome = await sandbox.invoke({ requestId, event, timeoutMs: fn.timeout * 1000, functionArn: fn.arn, ...options, traceId: `Root=1-${Math.floor(began / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0` });
    const { durationMs } = outcome;
    this.busy.delete(sandbox);
    await this.failIfEngineWentAway(sandbox, outcome);
    const result = this.result(fn, requestId, outcome, durationMs, cold ? { note, initMs: Math.max(0, (sandbox.initEndedMs ?? began) - sandbox.startedMs) } : undefined);
    if (sandbox.alive && !this.closed) this.keepWarm(fn, sandbox);
    else void this.dispose(sandbox);
    this.keepLog(fn, result.log);
    return result;
  }

  /** Stops every sandbox (the emulator is closing). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...[...this.warm.values()].flat().map((w) => (clearTimeout(w.timer), w.sandbox)), ...this.busy];
    this.warm.clear();
    await Promise.all(all.map((s) => this.dispose(s)));
  }

  /** Removes a sandbox and gives its engine's slot back; a removal that fails is logged (the sweeps remove it later). */
  private async dispose(sandbox: Sandbox): Promise<void> {
    const lease = this.leases.get(sandbox);
    this.leases.delete(sandbox);
    try {
      await sandbox.dispose();
    } catch (error) {
      lease?.failed(error);
      this.deps.log.warn({ err: error, dockerHost: lease?.host }, 'could not remove a function sandbox');
    } finally {
      lease?.release();
    }
  }

  /**
   * A sandbox whose container's wait broke off (no exit status) on an engine that no longer answers: the engine went
   * away, which fails the invocation as Lambda's own fault, not the function's. With one engine (`local`), the
   * invocation ends as before executors (Runtime.ExitError).
   */
  private async failIfEngineWentAway(sandbox: Sandbox, outcome: SandboxOutcome): Promise<void> {
    const lease = this.leases.get(sandbox);
    if (outcome.kind !== 'exit' || outcome.exitCode !== undefined || !lease || this.deps.engines.engines.length < 2) return;
    const why = await this.deps.engines.wentAway(lease);
    if (why === undefined) return;
    void this.dispose(sandbox);
    // wording inferred
    throw new SandboxEnginesUnreachable(`The Docker engine ${lease.host} went away during the invocation (${why}). The next invocation is placed on another engine`);
  }

  private result(fn: LambdaFunctionRecord, requestId: string, outcome: SandboxOutcome, durationMs: number, cold?: { note?: string; initMs: number }): InvocationResult {
    const lines = [...(cold?.note ? [cold.note] : []), startLine(requestId), ...outcome.output];
    let payload: Buffer;
    let functionError: string | undefined = 'Unhandled';
    if (outcome.kind === 'response') {
      payload = outcome.body;
      functionError = undefined;
    } else if (outcome.kind === 'error' || outcome.kind === 'init-error') {
      payload = outcome.body;
    } else if (outcome.kind === 'timeout') {
      const message = timeoutMessage(requestId, fn.timeout, new Date());
      lines.push(message);
      payload = errorBody({ errorMessage: message });
    } else {
      const message = `RequestId: ${requestId} Error: Runtime exited with error: exit status ${outcome.exitCode ?? 'unknown'}`;
      lines.push(message);
      payload = errorBody({ errorType: 'Runtime.ExitError', errorMessage: message });
    }
    const maxMemoryUsedMb = 'maxMemoryMb' in outcome ? outcome.maxMemoryMb : undefined;
    lines.push(endLine(requestId), reportLine({ requestId, durationMs, memorySizeMb: fn.memorySize, maxMemoryUsedMb, initDurationMs: cold?.initMs }));
    return { requestId, payload, ...(functionError ? { functionError } : {}), log: lines, cold: cold !== undefined };
  }

  private async sandboxFor(fn: LambdaFunctionRecord): Promise<{ sandbox: Sandbox; cold: boolean; note?: string }> {
    const idle = this.warm.get(fn.arn) ?? [];
    while (idle.length) {
      const warm = idle.pop()!;
      clearTimeout(warm.timer);
      if (warm.sandbox.alive && warm.revisionId === fn.revisionId) return { sandbox: warm.sandbox, cold: false };
      void this.dispose(warm.sandbox);
    }
    const runtime = findRuntime(fn.runtime)!;
    const code = unzipCode(this.deps.functions.code.read(fn.codeSha256));
    // The image is made present on the engine chosen, then the sandbox started there; an engine that cannot be
    // reached for either is passed over.
    const { made, lease } = await this.deps.engines.place(async (engine) => {
      const versions = await engine.image.ensure(this.deps.progress);
      const spec: SandboxSpec = {
        image: engine.image.image,
        language: runtime.language,
        env: this.environment(fn, engine.reach.endpoint()),
        code,
        memoryMb: fn.memorySize,
        labels: { ...this.deps.labels, 'codepipeline-local.kind': 'lambda', 'codepipeline-local.function': fn.arn },
      };
      const sandbox = engine.swarm ? await engine.swarm.start(spec, engine.reach) : await Sandbox.start(engine.docker, spec, engine.reach);
      return { sandbox, versions };
    });
    this.leases.set(made.sandbox, lease);
    return { sandbox: made.sandbox, cold: true, note: nearestRuntimeNote(runtime, made.versions) };
  }

  private environment(fn: LambdaFunctionRecord, endpoint: string): Record<string, string> {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    return {
      ...fn.environment,
      _HANDLER: fn.handler,
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      AWS_LAMBDA_FUNCTION_VERSION: fn.version ?? '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[${fn.version ?? '$LATEST'}]${this.deps.ids.uuid().replace(/-/g, '')}`,
      // The function's SDK calls come back to the emulator, as the function's account (a 12-digit key names it).
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: fn.account,
      AWS_ACCESS_KEY: fn.account,
      AWS_SECRET_ACCESS_KEY: 'codepipeline-local-lambda-secret',
      AWS_SESSION_TOKEN: `codepipeline-local-lambda-${fn.name}`,
      LAMBDA_TASK_ROOT: '/var/task',
      LAMBDA_RUNTIME_DIR: '/var/runtime',
      TZ: ':UTC',
    };
  }

  private keepWarm(fn: LambdaFunctionRecord, sandbox: Sandbox): void {
    const list = this.warm.get(fn.arn) ?? [];
    this.warm.set(fn.arn, list);
    const warm: Warm = {
      sandbox,
      revisionId: fn.revisionId,
      timer: setTimeout(() => {
        list.splice(list.indexOf(warm), 1);
        void this.dispose(sandbox);
      }, this.deps.warmMs ?? DEFAULT_WARM_MS),
    };
    warm.timer.unref();
    list.push(warm);
  }

  private drop(arn: string): void {
    for (const warm of this.warm.get(arn) ?? []) {
      clearTimeout(warm.timer);
      void this.dispose(warm.sandbox);
    }
    this.warm.delete(arn);
  }

  private keepLog(fn: LambdaFunctionRecord, lines: string[]): void {
    try {
      const dir = join(this.deps.logDir, fn.account, fn.region);
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, `${fn.name}.log`), `${lines.join('\n')}\n`);
    } catch (error) {
      this.deps.log.warn({ err: error, function: fn.arn }, 'could not keep the invocation log');
    }
  }
}
