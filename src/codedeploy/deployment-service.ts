import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Logger, Timers } from '../shared/index.js';
import type {
  CodeDeployDeploymentStore,
  CodeDeployStore,
  DeploymentConfigRecord,
  DeploymentGroupRecord,
  DeploymentRecord,
  DeploymentTargetRecord,
  Scope,
} from '../store/index.js';
import type { ApplicationRevisions } from './application-revisions.js';
import { DeploymentEventBus } from './deployment-events.js';
import { newDeploymentRecord, newTarget, type CreateOptions } from './deployment-record.js';
import { failInterruptedDeployments } from './deployment-recovery.js';
import { DeploymentRefusal } from './deployment-refusal.js';
import { checkRequest, isDeploymentId, newDeploymentId, type CreateDeploymentRequest } from './deployment-request.js';
import { runDeployment } from './deployment-run.js';
import { hasEnded, moveDeployment } from './deployment-status.js';
import { HookExecutions } from './hook-executions.js';
import type { DeployToInstance } from './instance-deployment.js';
import type { DeployableInstance, InstanceDirectory } from './instance-directory.js';
import { fileRevision, resolveRevision, type RevisionSources } from './revision-location.js';
import { noRollbackMessage, ROLLBACK_CREATOR, rollbackDeploymentInfo, triggeringRollbackInfo, wantsRollback } from './rollback.js';
import { selectInstances } from './target-selection.js';
import { newLambdaTarget, runLambdaDeployment } from './lambda-deployment-run.js';
import { lambdaRevisionFromBundle, resolveLambdaRevision } from './lambda-revision.js';
import type { LambdaTraffic } from './lambda-traffic.js';

/** What the deployment service needs. */
export interface DeploymentServiceDeps {
  store: CodeDeployStore;
  deployments: CodeDeployDeploymentStore;
  instances: InstanceDirectory;
  deployToInstance: DeployToInstance;
  sources: RevisionSources;
  /** The applications' registered revisions, which each deployment updates. */
  revisions: ApplicationRevisions;
  /** Where each deployment's bundle zip is copied (`<dir>/<deploymentId>.zip`). */
  bundlesDir: string;
  clock: Clock;
  log: Logger;
  /** Makes deployment ids; `d-` + 9 random upper-case alphanumerics by default. */
  newId?: () => string;
  /** The Lambda compute platform: the functions' aliases and hooks, and the timers traffic shifts wait on. */
  lambda?: { traffic: LambdaTraffic; timers: Timers };
}

/** StopDeployment's answer. */
export interface StopResult {
  status: 'Pending' | 'Succeeded';
  statusMessage: string;
}

// How long close() waits for in-flight agents to notice their abort before leaving them to the restart recovery (ms).
const CLOSE_GRACE_MS = 5_000;

export type { CreateOptions } from './deployment-record.js';

/**
 * CodeDeploy's deployments: creates them (one active per deployment group), runs them in the background
 * (through the agent batch by batch as their config allows, or shifting a Lambda alias), stops them, and rolls them back.
 */
export class DeploymentService {
  /** Deployment and target changes, for the pipeline action, the logger and tests. */
  readonly events = new DeploymentEventBus();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly hooks = new HookExecutions();
  private closing = false;

  constructor(private readonly deps: DeploymentServiceDeps) {}

  /** Fails the deployments a previous run left active (see failInterruptedDeployments); call once at start-up. */
  recover(): string[] {
    const ids = failInterruptedDeployments(this.deps.deployments, this.deps.clock.now());
    // A Lambda deployment cut short may have left its alias partly shifted: it goes back to CurrentVersion, as a failure does.
    for (const id of ids) {
      const spec = this.deps.deployments.get(id)?.lambda;
      if (!spec || !this.deps.lambda) continue;
      try {
        this.deps.lambda.traffic.route(this.deps.deployments.get(id)!, spec.functionName, spec.alias, spec.currentVersion, {});
      } catch (error) {
        this.deps.log.warn({ err: error, deploymentId: id }, 'could not move the alias of an interrupted Lambda deployment back');
      }
    }
    return ids;
  }

  /**
   * CreateDeployment: checks the request, fetches the revision's bundle, selects the group's instances, starts the
   * deployment, and records the revision as the group's target (registering it when it is new).
   */
  async create(scope: Scope, request: CreateDeploymentRequest, options: CreateOptions = {}): Promise<DeploymentRecord> {
    const checked = checkRequest(this.deps.store, scope, request);
    this.refuseIfActive(checked.group);
    if (checked.group.computePlatform === 'Lambda') return this.createLambda(scope, request, options);
    const resolved = options.resolved ?? (await resolveRevision(request.revision, this.deps.sources));
    const fetchedBundle = join(this.deps.bundlesDir, `.${randomUUID()}.fetching`);
    try {
      await resolved.writeTo(fetchedBundle);
      // Checked again after the fetch: the group must still have no active deployment, and nothing awaits from here on.
      const { group, config } = checkRequest(this.deps.store, scope, request);
      this.refuseIfActive(group);
      const deploymentId = (this.deps.newId ?? newDeploymentId)();
      const bundlePath = join(this.deps.bundlesDir, `${deploymentId}.zip`);
      renameSync(fetchedBundle, bundlePath);
      const now = this.deps.clock.now();
      const lastGood = this.deps.deployments.latestOfGroup(group.deploymentGroupId, 'Succeeded');
      const record = newDeploymentRecord({ scope, deploymentId, group, config, request, options, revision: resolved.revision, previousRevision: lastGood?.revision, bundlePath, nowMs: now });
      const instances = selectInstances(group, this.deps.instances.registered(scope));
      this.deps.deployments.insert(record, instances.map((i) => newTarget(deploymentId, i, now)));
      this.deps.revisions.deployed(scope, group.applicationName, group.deploymentGroupName, resolved.revision, resolved.fetched);
      this.events.emit('deployment:created', record);
      this.launch(record, config, new Map(instances.map((i) => [i.instanceName, i])));
      return record;
    } finally {
      rmSync(fetchedBundle, { force: true });
    }
  }

  /** A Lambda deployment: its AppSpec read, its alias as the one target, run in the background. */
  private async createLambda(scope: Scope, request: CreateDeploymentRequest, options: CreateOptions): Promise<DeploymentRecord> {
    const lambda = this.deps.lambda;
    if (!lambda) throw new DeploymentRefusal('InvalidRevision', 'This codepipeline-local runs no Lambda functions, so it cannot deploy to them.'); // wording inferred
    // A pipeline's CodeDeploy action hands over its artifact's zip, whose appspec names the alias and versions.
    const resolved = options.resolved ? await lambdaRevisionFromBundle(options.resolved, this.deps.bundlesDir) : await resolveLambdaRevision(request.revision, this.deps.sources);
    const { group, config } = checkRequest(this.deps.store, scope, request);
    this.refuseIfActive(group);
    const deploymentId = (this.deps.newId ?? newDeploymentId)();
    const now = this.deps.clock.now();
    const lastGood = this.deps.deployments.latestOfGroup(group.deploymentGroupId, 'Succeeded');
    const base = newDeploymentRecord({ scope, deploymentId, group, config, request, options, revision: resolved.revision, previousRevision: lastGood?.revision, bundlePath: '', nowMs: now });
    const record: DeploymentRecord = { ...base, computePlatform: 'Lambda', lambda: resolved.spec };
    const spec = resolved.spec;
    const alias = lambda.traffic.alias(scope, spec.functionName, spec.alias);
    const aliasArn = 'aliasArn' in alias ? alias.aliasArn : `arn:aws:lambda:${scope.region}:${scope.account}:function:${spec.functionName}:${spec.alias}`;
    this.deps.deployments.insert(record, [newLambdaTarget(record, spec, aliasArn, now)]);
    this.deps.revisions.deployed(scope, group.applicationName, group.deploymentGroupName, resolved.revision, resolved.fetched);
    this.events.emit('deployment:created', record);
    const { deployments, clock, log } = this.deps;
    this.start(record, (signal) =>
      runLambdaDeployment({ deployments, events: this.events, traffic: lambda.traffic, hooks: this.hooks, clock, timers: lambda.timers, log, deployment: record, config, signal, closing: () => this.closing }),
    );
    return record;
  }

  /** PutLifecycleEventHookExecutionStatus: a Lambda deployment's hook function reports how its validation went. */
  putHookStatus(scope: Scope, deploymentId: string, executionId: string, status: 'Succeeded' | 'Failed'): void {
    const deployment = this.get(scope, deploymentId);
    if (deployment.computePlatform !== 'Lambda') {
      throw new DeploymentRefusal(
        'UnsupportedActionForDeploymentType',
        `PutLifecycleEventHookExecutionStatus is only supported for deployments on the Lambda or ECS compute platform; deployment ${deploymentId} is on the Server compute platform.`, // wording inferred
      );
    }
    this.hooks.report(deploymentId, executionId, status);
  }

  private refuseIfActive(group: DeploymentGroupRecord): void {
    const active = this.deps.deployments.activeOfGroup(group.deploymentGroupId);
    if (active) {
      throw new DeploymentRefusal('DeploymentLimitExceeded', `The Deployment Group '${group.deploymentGroupName}' already has an active Deployment '${active.deploymentId}'`);
    }
  }

  /** A deployment of the caller's scope, or the refusal GetDeployment answers. */
  get(scope: Scope, deploymentId: string): DeploymentRecord {
    if (!isDeploymentId(deploymentId)) throw new DeploymentRefusal('InvalidDeploymentId', `Specified DeploymentId is not in the valid format: ${deploymentId}`);
    const deployment = this.deps.deployments.get(deploymentId);
    if (!deployment || deployment.account !== scope.account || deployment.region !== scope.region) {
      throw new DeploymentRefusal('DeploymentDoesNotExist', `The deployment ${deploymentId} does not exist with the user or AWS account.`);
    }
    return deployment;
  }

  /** A deployment's targets with their lifecycle events, for progress and failure summaries. */
  targets(deploymentId: string): DeploymentTargetRecord[] {
    return this.deps.deployments.targets(deploymentId);
  }

  /** StopDeployment: no further instance starts; events in flight finish; the deployment ends Stopped (and may roll back). */
  stop(scope: Scope, deploymentId: string, autoRollbackEnabled?: boolean): StopResult {
    const deployment = this.get(scope, deploymentId);
    if (hasEnded(deployment)) throw new DeploymentRefusal('DeploymentAlreadyCompleted', `The deployment ${deploymentId} is already complete.`);
    const config = deployment.autoRollbackConfiguration;
    const rollback = autoRollbackEnabled ?? (config?.enabled === true && (config.events ?? []).includes('DEPLOYMENT_STOP_ON_REQUEST'));
    this.deps.deployments.update({ ...deployment, stopRequest: { autoRollbackEnabled: rollback } });
    this.running.get(deploymentId)?.controller.abort(new Error(`Deployment ${deploymentId} was stopped`));
    // AWS's answer while instances finish the events in flight.
    return { status: 'Pending', statusMessage: 'Stopping Pending. Stopping to schedule commands in the deployment instances' };
  }

  /** Resolves with a deployment once it has ended (and its rollback, if any, was created); rejects when the signal aborts. */
  waitForEnd(deploymentId: string, signal?: AbortSignal): Promise<DeploymentRecord> {
    return new Promise((resolve, reject) => {
      const settle = (result: () => void) => (unsubscribe(), signal?.removeEventListener('abort', onAbort), result());
      const check = () => {
        const deployment = this.deps.deployments.get(deploymentId);
        if (deployment && hasEnded(deployment) && !this.running.has(deploymentId)) settle(() => resolve(deployment));
      };
      const onAbort = () => settle(() => reject(signal?.reason ?? new Error('aborted')));
      const unsubscribe = this.events.on('deployment:ended', (d) => d.deploymentId === deploymentId && settle(() => resolve(d)));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  /** Stops running deployments without recording anything more (the next start's recovery ends them). */
  async close(): Promise<void> {
    this.closing = true;
    const running = [...this.running.values()];
    running.forEach((r) => r.controller.abort(new Error('codepipeline-local is shutting down')));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([Promise.allSettled(running.map((r) => r.done)), grace]);
    clearTimeout(timer);
  }

  private launch(deployment: DeploymentRecord, config: DeploymentConfigRecord, instances: Map<string, DeployableInstance>): void {
    const { deployments, deployToInstance, clock, log } = this.deps;
    this.start(deployment, (signal) => runDeployment({ deployments, events: this.events, deployToInstance, clock, log, deployment, config, instances, signal, closing: () => this.closing }));
  }

  /** Runs a deployment in the background, stoppable through its signal; its end is recorded and announced. */
  private start(deployment: DeploymentRecord, run: (signal: AbortSignal) => Promise<DeploymentRecord | undefined>): void {
    const controller = new AbortController();
    const { log } = this.deps;
    const done = (async () => {
      try {
        const ended = await run(controller.signal);
        if (ended) await this.finish(ended);
      } catch (error) {
        log.error({ err: error, deploymentId: deployment.deploymentId }, 'a deployment failed unexpectedly');
        if (!this.closing) this.failUnexpectedly(deployment.deploymentId, error);
      } finally {
        this.running.delete(deployment.deploymentId);
      }
    })();
    this.running.set(deployment.deploymentId, { controller, done });
    // The entry is removed in `finally`; announce the end only once waiters can see it is gone.
    void done.then(() => {
      const ended = this.deps.deployments.get(deployment.deploymentId);
      if (ended && hasEnded(ended) && !this.closing) this.events.emit('deployment:ended', ended);
    });
  }

  private async finish(ended: DeploymentRecord): Promise<void> {
    // A Lambda deployment that fails has moved its alias back to CurrentVersion itself; no rollback deployment is made.
    const final = ended.computePlatform !== 'Lambda' && wantsRollback(ended) ? await this.rollBack(ended) : ended;
    this.deps.deployments.update(final);
    this.pruneBundles(final);
  }

  private async rollBack(ended: DeploymentRecord): Promise<DeploymentRecord> {
    const lastGood = this.deps.deployments.latestOfGroup(ended.deploymentGroupId, 'Succeeded');
    if (!lastGood || !existsSync(lastGood.bundlePath)) {
      return { ...ended, rollbackInfo: { rollbackMessage: noRollbackMessage('the deployment group has no previous successful deployment to roll back to.') } };
    }
    const request: CreateDeploymentRequest = {
      applicationName: ended.applicationName,
      deploymentGroupName: ended.deploymentGroupName,
      deploymentConfigName: ended.deploymentConfigName,
      ignoreApplicationStopFailures: ended.ignoreApplicationStopFailures,
      // "The content-handling option for that last successful deployment is applied to the rollback deployment."
      fileExistsBehavior: lastGood.fileExistsBehavior,
    };
    const resolved = fileRevision(lastGood.revision, lastGood.bundlePath);
    try {
      const rollback = await this.create(ended, request, { creator: ROLLBACK_CREATOR, resolved, rollbackInfo: rollbackDeploymentInfo(ended, lastGood) });
      return { ...ended, rollbackInfo: triggeringRollbackInfo(rollback.deploymentId, lastGood) };
    } catch (error) {
      return { ...ended, rollbackInfo: { rollbackMessage: noRollbackMessage((error as Error).message) } };
    }
  }

  /** Keeps the bundles a rollback or a running deployment may need (the last success, the active ones); removes the rest of the group's. */
  private pruneBundles(ended: DeploymentRecord): void {
    const group = this.deps.deployments.list(ended, { deploymentGroupId: ended.deploymentGroupId });
    const lastGood = group.find((d) => d.status === 'Succeeded');
    for (const d of group) if (hasEnded(d) && d !== lastGood && d.bundlePath) rmSync(d.bundlePath, { force: true });
  }

  private failUnexpectedly(deploymentId: string, error: unknown): void {
    const deployment = this.deps.deployments.get(deploymentId);
    if (!deployment || hasEnded(deployment)) return;
    const message = `codepipeline-local failed to run the deployment: ${(error as Error).message}`;
    this.deps.deployments.update(moveDeployment(deployment, 'Failed', { completeMs: this.deps.clock.now(), errorInformation: { code: 'INTERNAL_ERROR', message } }));
  }
}
