import type { Clock, Logger, Timers } from '../shared/index.js';
import { LAMBDA_LIFECYCLE_EVENTS } from '../model/index.js';
import type { CodeDeployDeploymentStore, DeploymentConfigRecord, DeploymentRecord, DeploymentTargetRecord, LambdaDeploymentSpec, Scope } from '../store/index.js';
import type { DeploymentEventBus } from './deployment-events.js';
import { moveDeployment, moveTarget } from './deployment-status.js';
import type { HookExecutions, HookOutcome } from './hook-executions.js';
import type { LifecycleEvent } from './instance-deployment.js';
import { trafficSteps } from './lambda-configs.js';
import type { LambdaTraffic } from './lambda-traffic.js';

/** How long CodeDeploy waits for a hook function to report its status: one hour (reference-appspec-file-structure-hooks). */
export const HOOK_TIMEOUT_MS = 60 * 60_000;

/** What running one Lambda deployment needs. */
export interface LambdaRunContext {
  deployments: CodeDeployDeploymentStore;
  events: DeploymentEventBus;
  traffic: LambdaTraffic;
  hooks: HookExecutions;
  clock: Clock;
  timers: Timers;
  log: Logger;
  deployment: DeploymentRecord;
  config: DeploymentConfigRecord;
  signal: AbortSignal;
  closing(): boolean;
}

type LambdaEventName = (typeof LAMBDA_LIFECYCLE_EVENTS)[number];

/** Why a Lambda deployment failed: ErrorInformation's code and message. */
class LambdaDeploymentFailure extends Error {
  constructor(
    readonly code: 'HOOK_EXECUTION_FAILURE' | 'INVALID_LAMBDA_CONFIGURATION' | 'INVALID_LAMBDA_FUNCTION' | 'MANUAL_STOP',
    message: string,
  ) {
    super(message);
  }
}

/** The target of a new Lambda deployment: the alias, with its five events Pending and none of its traffic moved. */
export function newLambdaTarget(deployment: DeploymentRecord, spec: LambdaDeploymentSpec, aliasArn: string, nowMs: number): DeploymentTargetRecord {
  return {
    deploymentId: deployment.deploymentId,
    targetId: `${spec.functionName}:${spec.alias}`,
    targetArn: aliasArn,
    status: 'Pending',
    lastUpdatedMs: nowMs,
    lifecycleEvents: LAMBDA_LIFECYCLE_EVENTS.map((lifecycleEventName) => ({ lifecycleEventName, status: 'Pending' as const })),
    lambdaFunctionInfo: { functionName: spec.functionName, functionAlias: spec.alias, currentVersion: spec.currentVersion, targetVersion: spec.targetVersion, targetVersionWeight: 0 },
  };
}

/**
 * Runs a Lambda deployment: BeforeAllowTraffic's hook, the alias's traffic moved to the target version as the config
 * says (all at once, a canary then the rest, or linear steps; the waits on the injected timers), AfterAllowTraffic's
 * hook. A hook that reports Failed or does not report within an hour, or a stop, moves the alias back to CurrentVersion.
 */
export async function runLambdaDeployment(run: LambdaRunContext): Promise<DeploymentRecord | undefined> {
  const { deployments, clock } = run;
  const spec = run.deployment.lambda!;
  let deployment = moveDeployment(run.deployment, 'InProgress', { startMs: clock.now() });
  deployments.update(deployment);
  run.events.emit('deployment:started', deployment);
  let target = moveTarget(deployments.targets(deployment.deploymentId)[0], 'InProgress', clock.now());
  const save = (changes: Partial<DeploymentTargetRecord>) => {
    target = { ...target, ...changes, lastUpdatedMs: clock.now() };
    if (run.closing()) return;
    deployments.updateTarget(target);
    run.events.emit('target:updated', target);
  };
  const setEvent = (name: LambdaEventName, changes: Partial<LifecycleEvent>) =>
    save({ lifecycleEvents: target.lifecycleEvents.map((e) => (e.lifecycleEventName === name ? { ...e, ...changes } : e)) });
  const step = async (name: LambdaEventName, work?: () => Promise<void>) => {
    if (run.signal.aborted) throw new LambdaDeploymentFailure('MANUAL_STOP', 'The deployment was stopped by a StopDeployment request.'); // wording inferred
    if (!work) return setEvent(name, { status: 'Skipped', startMs: clock.now(), endMs: clock.now() });
    setEvent(name, { status: 'InProgress', startMs: clock.now() });
    try {
      await work();
    } catch (error) {
      setEvent(name, { status: 'Failed', endMs: clock.now() });
      throw error;
    }
    setEvent(name, { status: 'Succeeded', endMs: clock.now() });
  };
  save({});
  let failure: LambdaDeploymentFailure | undefined;
  try {
    await step('Start', async () => checkSpec(run, spec));
    await step('BeforeAllowTraffic', spec.beforeAllowTraffic ? () => runHook(run, 'BeforeAllowTraffic', spec.beforeAllowTraffic!) : undefined);
    await step('AllowTraffic', () => shiftTraffic(run, spec, (weight) => save({ lambdaFunctionInfo: { ...target.lambdaFunctionInfo!, targetVersionWeight: weight } })));
    await step('AfterAllowTraffic', spec.afterAllowTraffic ? () => runHook(run, 'AfterAllowTraffic', spec.afterAllowTraffic!) : undefined);
    await step('End', async () => undefined);
  } catch (error) {
    if (!(error instanceof LambdaDeploymentFailure)) throw error;
    failure = error;
  }
  if (run.closing()) return undefined;
  if (failure) {
    rollBackAlias(run, spec);
    const now = clock.now();
    save({
      status: 'Failed',
      lifecycleEvents: target.lifecycleEvents.map((e) => (e.status === 'Pending' || e.status === 'InProgress' ? { ...e, status: 'Skipped', endMs: now } : e)),
      lambdaFunctionInfo: { ...target.lambdaFunctionInfo!, targetVersionWeight: 0 },
    });
  } else {
    save({ status: 'Succeeded' });
  }
  deployment = deployments.get(deployment.deploymentId)!;
  const status = failure ? (failure.code === 'MANUAL_STOP' ? 'Stopped' : 'Failed') : 'Succeeded';
  deployment = moveDeployment(deployment, status, { completeMs: clock.now(), ...(failure ? { errorInformation: { code: failure.code, message: failure.message } } : {}) });
  deployments.update(deployment);
  return deployment;
}

function checkSpec(run: LambdaRunContext, spec: LambdaDeploymentSpec): void {
  const scope: Scope = run.deployment;
  const alias = run.traffic.alias(scope, spec.functionName, spec.alias);
  if ('problem' in alias) throw new LambdaDeploymentFailure('INVALID_LAMBDA_FUNCTION', alias.problem);
  for (const version of [spec.currentVersion, spec.targetVersion]) {
    if (!run.traffic.hasVersion(scope, spec.functionName, version)) {
      throw new LambdaDeploymentFailure('INVALID_LAMBDA_CONFIGURATION', `The Lambda function ${spec.functionName} has no version ${version}, which the AppSpec file names.`); // wording inferred
    }
  }
}

async function runHook(run: LambdaRunContext, event: 'BeforeAllowTraffic' | 'AfterAllowTraffic', functionName: string): Promise<void> {
  const { deploymentId } = run.deployment;
  const execution = run.hooks.open(deploymentId);
  const cancelTimer = run.timers.setTimer(run.clock.now() + HOOK_TIMEOUT_MS, execution.expire);
  const onAbort = () => execution.expire();
  run.signal.addEventListener('abort', onAbort, { once: true });
  const fail = (why: string) => new LambdaDeploymentFailure('HOOK_EXECUTION_FAILURE', `The ${event} lifecycle event hook (Lambda function ${functionName}) ${why}`); // wording inferred
  try {
    // Invoked in the background, as CodeDeploy invokes hooks asynchronously: the function's report is what counts.
    const invoked = run.traffic.invoke(run.deployment, functionName, { DeploymentId: deploymentId, LifecycleEventHookExecutionId: execution.id }).then(
      (result) => (result.functionError ? `failed: ${result.payload}` : undefined),
      (error: unknown) => `could not be invoked: ${(error as Error).message}`,
    );
    // A function that fails or cannot run never reports: rather than wait an hour, the hook fails at once (a deviation: AWS waits).
    const outcome = await Promise.race<HookOutcome | string>([execution.outcome, invoked.then((problem) => problem ?? execution.outcome)]);
    if (run.signal.aborted) throw new LambdaDeploymentFailure('MANUAL_STOP', 'The deployment was stopped by a StopDeployment request.'); // wording inferred
    if (outcome === 'Succeeded') return;
    if (outcome === 'Failed') throw fail('reported Failed.');
    if (outcome === 'TimedOut') throw fail('did not report its status within one hour.');
    execution.expire();
    throw fail(outcome);
  } finally {
    cancelTimer();
    run.signal.removeEventListener('abort', onAbort);
  }
}

async function shiftTraffic(run: LambdaRunContext, spec: LambdaDeploymentSpec, moved: (weight: number) => void): Promise<void> {
  const scope: Scope = run.deployment;
  for (const { weight, waitMs } of trafficSteps(run.config.trafficRoutingConfig)) {
    if (weight >= 1) run.traffic.route(scope, spec.functionName, spec.alias, spec.targetVersion, {});
    else run.traffic.route(scope, spec.functionName, spec.alias, spec.currentVersion, { [spec.targetVersion]: weight });
    moved(Math.round(weight * 100));
    if (waitMs > 0) await wait(run, waitMs);
  }
}

function wait(run: LambdaRunContext, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => (cancel(), reject(new LambdaDeploymentFailure('MANUAL_STOP', 'The deployment was stopped by a StopDeployment request.'))); // wording inferred
    const cancel = run.timers.setTimer(run.clock.now() + ms, () => (run.signal.removeEventListener('abort', onAbort), resolve()));
    if (run.signal.aborted) return onAbort();
    run.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function rollBackAlias(run: LambdaRunContext, spec: LambdaDeploymentSpec): void {
  try {
    run.traffic.route(run.deployment, spec.functionName, spec.alias, spec.currentVersion, {});
  } catch (error) {
    run.log.warn({ err: error, deploymentId: run.deployment.deploymentId }, 'could not move the alias back to its current version');
  }
}
