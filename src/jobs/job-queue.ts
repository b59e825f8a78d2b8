import { actionTypeKey, type ActionTypeId, type JobKind, type JobOutcome, type JobRecord, type JobStatus, type Scope } from '../model/index.js';
import type { Clock, Ids, Timers } from '../shared/index.js';
import type { JobStore } from '../store/index.js';
import { JobRefusal } from './job-refusal.js';

/** How long a job may take: AWS's 24 hours for a custom action by default; tests and the config file may shorten it. */
export interface JobLimits {
  jobTimeoutMs: number;
}

/** AWS's limit: a custom action job times out after 24 hours (CodePipeline quotas). */
export const DEFAULT_JOB_LIMITS: JobLimits = { jobTimeoutMs: 24 * 60 * 60 * 1000 };

/** What the action provider gives to make a job; the queue adds its id, nonce, status and deadline. */
export type NewJob = Omit<JobRecord, 'id' | 'status' | 'nonce' | 'clientId' | 'clientToken' | 'createdMs' | 'updatedMs' | 'deadlineMs' | 'outcome'>;

const FINAL: readonly JobStatus[] = ['Succeeded', 'Failed', 'TimedOut'];
// AWS's quota on the output variables of one action (CodePipeline quotas).
const OUTPUT_VARIABLES_MAX_BYTES = 122_880;

/** Whether a job has ended (succeeded, failed or timed out). */
export function isFinished(job: JobRecord): boolean {
  return FINAL.includes(job.status);
}

/** The jobs of custom, stand-in and third-party actions: made when their action starts, handed to job workers, finished by them or by the clock. */
export class JobQueue {
  private readonly waiters = new Map<string, Set<(job: JobRecord) => void>>();
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly store: JobStore,
    private readonly deps: { clock: Clock; timers: Timers; ids: Ids; limits: JobLimits },
  ) {}

  /** Queues a new job for workers to poll, with its timeout armed (the queue's limit, or `timeoutMs` when given). */
  create(job: NewJob, timeoutMs = this.deps.limits.jobTimeoutMs): JobRecord {
    const now = this.deps.clock.now();
    const id = this.deps.ids.uuid();
    const record: JobRecord = {
      ...job,
      id,
      status: 'Queued',
      nonce: String(Math.floor(Math.random() * 1e9)),
      ...(job.kind === 'ThirdParty' ? { clientId: this.deps.ids.uuid() } : {}),
      createdMs: now,
      updatedMs: now,
      deadlineMs: now + timeoutMs,
    };
    if (record.clientId) record.clientToken = record.clientId;
    this.store.insert(record, actionTypeKey(job.actionTypeId));
    this.arm(record);
    return record;
  }

  /** The newest job of an action execution, so a provider resumed after a restart finds the job it was waiting for. */
  latestOf(actionExecutionId: string): JobRecord | undefined {
    return this.store.latestOf(actionExecutionId);
  }

  /** Resolves with the job once it has ended; rejects when the signal aborts. */
  settled(id: string, signal: AbortSignal): Promise<JobRecord> {
    const job = this.store.get(id);
    if (job && isFinished(job)) return Promise.resolve(job);
    return new Promise((resolve, reject) => {
      const waiters = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, waiters);
      const onAbort = () => {
        waiters.delete(settle);
        reject(signal.reason);
      };
      const settle = (done: JobRecord) => {
        signal.removeEventListener('abort', onAbort);
        resolve(done);
      };
      waiters.add(settle);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** PollForJobs / PollForThirdPartyJobs: up to `max` queued jobs of a type, oldest first, now Dispatched. */
  poll(scope: Scope, kind: JobKind, typeId: ActionTypeId, max: number, query: Record<string, string> = {}): JobRecord[] {
    const matching = this.store
      .withStatus(scope, actionTypeKey(typeId), 'Queued')
      .filter((job) => job.kind === kind && Object.entries(query).every(([key, value]) => job.configuration[key] === value))
      .slice(0, max);
    return matching.map((job) => this.store.update(job.id, (j) => (j.status === 'Queued' ? { ...j, status: 'Dispatched', updatedMs: this.deps.clock.now() } : undefined)) ?? job);
  }

  /** AcknowledgeJob: the worker that holds the nonce takes the job; the job's status is returned. */
  acknowledge(id: string, nonce: string, kind: JobKind, clientToken?: string): JobStatus {
    const job = this.require(id, kind, clientToken);
    if (job.nonce !== nonce) throw new JobRefusal('InvalidNonceException', `The nonce ${nonce} is not valid for job ${id}`); // wording inferred
    if (job.status !== 'Queued' && job.status !== 'Dispatched') return job.status;
    return this.store.update(id, (j) => ({ ...j, status: 'InProgress', updatedMs: this.deps.clock.now() }))!.status;
  }

  /** GetJobDetails / GetThirdPartyJobDetails: the job as it stands. */
  details(id: string, kind: JobKind, clientToken?: string): JobRecord {
    return this.require(id, kind, clientToken);
  }

  /** PutJobSuccessResult / PutThirdPartyJobSuccessResult: the job succeeds (a continuation token asks for another job). */
  succeed(id: string, kind: JobKind, outcome: Omit<JobOutcome, 'status'>, clientToken?: string): void {
    if (outcome.outputVariables && outcome.continuationToken !== undefined) {
      throw new JobRefusal('ValidationException', 'outputVariables can only be set when no continuationToken is given'); // wording inferred
    }
    if (outcome.outputVariables && Buffer.byteLength(JSON.stringify(outcome.outputVariables)) > OUTPUT_VARIABLES_MAX_BYTES) {
      throw new JobRefusal('OutputVariablesSizeExceededException', `The output variables of the action exceed the maximum size of ${OUTPUT_VARIABLES_MAX_BYTES} bytes`); // wording inferred
    }
    this.finish(id, kind, { ...outcome, status: 'Succeeded' }, clientToken);
  }

  /** PutJobFailureResult / PutThirdPartyJobFailureResult: the job fails with the worker's failure type and message. */
  fail(id: string, kind: JobKind, outcome: Omit<JobOutcome, 'status'>, clientToken?: string): void {
    this.finish(id, kind, { ...outcome, status: 'Failed' }, clientToken);
  }

  /** Arms the timeouts of the jobs left unfinished when the emulator last stopped. */
  recover(): void {
    this.store.unfinished().forEach((job) => this.arm(job));
  }

  /** Cancels every timer (the emulator is closing). */
  close(): void {
    this.timers.forEach((cancel) => cancel());
    this.timers.clear();
  }

  private require(id: string, kind: JobKind, clientToken: string | undefined): JobRecord {
    const job = this.store.get(id);
    if (!job || job.kind !== kind) throw new JobRefusal('JobNotFoundException', `Job ${id} not found`); // wording inferred
    if (kind === 'ThirdParty' && job.clientToken !== clientToken) throw new JobRefusal('InvalidClientTokenException', `The client token was not valid for job ${id}`); // wording inferred
    return job;
  }

  private finish(id: string, kind: JobKind, outcome: JobOutcome, clientToken?: string): void {
    const job = this.require(id, kind, clientToken);
    if (isFinished(job)) throw new JobRefusal('InvalidJobStateException', `Job ${id} is in state ${job.status} and cannot be changed`); // wording inferred
    this.settle(this.store.update(id, (j) => (isFinished(j) ? undefined : { ...j, status: outcome.status, outcome, updatedMs: this.deps.clock.now() })));
  }

  private arm(job: JobRecord): void {
    const cancel = this.deps.timers.setTimer(job.deadlineMs, () => {
      this.timers.delete(job.id);
      const hours = Math.round((job.deadlineMs - job.createdMs) / 36e5);
      const message = `The action failed because its job ${job.id} was not completed by a job worker within ${hours === 0 ? `${job.deadlineMs - job.createdMs} ms` : `${hours} hours`}`; // wording inferred: AWS documents the 24-hour limit, not its message
      this.settle(this.store.update(job.id, (j) => (isFinished(j) ? undefined : { ...j, status: 'TimedOut', outcome: { status: 'TimedOut', message }, updatedMs: this.deps.clock.now() })));
    });
    this.timers.set(job.id, cancel);
  }

  private settle(job: JobRecord | undefined): void {
    if (!job) return;
    this.timers.get(job.id)?.();
    this.timers.delete(job.id);
    const waiters = this.waiters.get(job.id);
    this.waiters.delete(job.id);
    waiters?.forEach((w) => w(job));
  }
}
