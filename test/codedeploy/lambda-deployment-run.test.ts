import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationRevisions } from '../../src/codedeploy/application-revisions.js';
import { DeploymentService } from '../../src/codedeploy/deployment-service.js';
import { bundledRevision, HOOK_TIMEOUT_MS, type LambdaTraffic } from '../../src/codedeploy/index.js';
import { S3Storage } from '../../src/s3/index.js';
import { ManualClock, silentLogger } from '../../src/shared/index.js';
import { CodeDeployDeploymentStore, CodeDeployRevisionStore, CodeDeployStore, openDatabase } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait.js';

const SCOPE = { account: '000000000000', region: 'us-east-1' };
const APPSPEC = (hooks = '') =>
  `version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\n      Properties:\n        Name: fn\n        Alias: live\n        CurrentVersion: "1"\n        TargetVersion: "2"\n${hooks}`;

/** The alias `live` of function `fn` (versions 1 and 2), every move recorded; hooks answer as `hookAnswer` says. */
function fakeLambda(hookAnswer: (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => Promise<{ functionError?: string; payload: string }>) {
  const alias = { functionVersion: '1', additionalVersionWeights: {} as Record<string, number> };
  const moves: string[] = [];
  const traffic: LambdaTraffic = {
    alias: (_s, fn, name) => (fn === 'fn' && name === 'live' ? { ...alias, aliasArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn:live' } : { problem: `Cannot find alias arn: ${fn}:${name}` }),
    hasVersion: (_s, fn, v) => fn === 'fn' && ['1', '2'].includes(v),
    route: (_s, _fn, _a, version, weights) => {
      alias.functionVersion = version;
      alias.additionalVersionWeights = weights;
      moves.push(`${version}${Object.entries(weights).map(([v, w]) => ` +${v}@${w}`).join('')}`);
    },
    invoke: (_s, _fn, event) => hookAnswer(event as { DeploymentId: string; LifecycleEventHookExecutionId: string }),
  };
  return { traffic, alias, moves };
}

describe('a Lambda deployment run (fake functions, manual clock)', () => {
  let dir: string;
  let service: DeploymentService | undefined;
  afterEach(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup(traffic: LambdaTraffic, config: string, clock: ManualClock) {
    dir = mkdtempSync(join(tmpdir(), 'cpl-lambda-run-'));
    const db = openDatabase(join(dir, 'data'));
    const store = new CodeDeployStore(db);
    const deployments = new CodeDeployDeploymentStore(db);
    store.createApplication(SCOPE, { applicationId: 'a', applicationName: 'app', computePlatform: 'Lambda', createMs: 0 });
    store.createDeploymentGroup(SCOPE, { applicationName: 'app', deploymentGroupId: 'g', deploymentGroupName: 'live', deploymentConfigName: config, serviceRoleArn: '', ec2TagFilters: [], onPremisesInstanceTagFilters: [], autoScalingGroups: [], computePlatform: 'Lambda', passThrough: {} });
    service = new DeploymentService({
      store,
      deployments,
      instances: { registered: () => [] },
      deployToInstance: () => Promise.reject(new Error('no instances')),
      sources: { s3: new S3Storage(join(dir, 's3'), () => clock.now()), artifactsDir: join(dir, 'artifacts') },
      revisions: new ApplicationRevisions({ store: new CodeDeployRevisionStore(db), clock }),
      bundlesDir: join(dir, 'bundles'),
      clock,
      log: silentLogger(),
      lambda: { traffic, timers: clock },
    });
    return { service, deployments };
  }
  const content = (hooks?: string) => ({ revisionType: 'AppSpecContent' as const, appSpecContent: { content: APPSPEC(hooks) } });

  it('LambdaLinear10PercentEvery1Minute moves 10% more each minute, from a pipeline artifact zip', async () => {
    const clock = new ManualClock(0);
    const lambda = fakeLambda(async () => ({ payload: 'null' }));
    const { service: s } = setup(lambda.traffic, 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute', clock);
    const zip = join(dir, 'artifact.zip');
    writeFileSync(zip, zipSync({ 'appspec.yaml': strToU8(APPSPEC()) }));
    const d = await s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live' }, { resolved: bundledRevision('bucket', 'key', zip) });
    await waitFor(async () => lambda.moves.length, { intervalMs: 10, description: 'the first step' }, (n) => n === 1);
    for (let minute = 1; minute < 10; minute++) {
      clock.advance(60_000);
      await waitFor(async () => lambda.moves.length, { intervalMs: 10, description: `step ${minute + 1}` }, (n) => n === minute + 1);
    }
    const ended = await s.waitForEnd(d.deploymentId);
    expect(ended.status).toBe('Succeeded');
    expect(ended.revision).toMatchObject({ revisionType: 'S3', s3Location: { bucket: 'bucket', key: 'key' } });
    expect(lambda.moves).toEqual(['1 +2@0.1', '1 +2@0.2', '1 +2@0.3', '1 +2@0.4', '1 +2@0.5', '1 +2@0.6', '1 +2@0.7', '1 +2@0.8', '1 +2@0.9', '2']);
  });

  it('a hook that never reports fails after an hour, and StopDeployment during a canary moves the alias back', async () => {
    const clock = new ManualClock(0);
    const lambda = fakeLambda(() => new Promise(() => undefined));
    const { service: s, deployments } = setup(lambda.traffic, 'CodeDeployDefault.LambdaCanary10Percent30Minutes', clock);
    const silent = await s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: content('Hooks:\n  - BeforeAllowTraffic: checker\n') });
    await waitFor(async () => deployments.targets(silent.deploymentId)[0].lifecycleEvents[1].status, { intervalMs: 10, description: 'the hook running' }, (st) => st === 'InProgress');
    clock.advance(HOOK_TIMEOUT_MS);
    const timedOut = await s.waitForEnd(silent.deploymentId);
    expect(timedOut).toMatchObject({ status: 'Failed', errorInformation: { code: 'HOOK_EXECUTION_FAILURE' } });
    expect(timedOut.errorInformation?.message).toContain('within one hour');

    const canary = await s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: content() });
    await waitFor(async () => lambda.alias.additionalVersionWeights['2'], { intervalMs: 10, description: 'the canary' }, (w) => w === 0.1);
    s.stop(SCOPE, canary.deploymentId);
    const stopped = await s.waitForEnd(canary.deploymentId);
    expect(stopped.status).toBe('Stopped');
    expect(lambda.alias).toEqual({ functionVersion: '1', additionalVersionWeights: {} });
  });

  it('a hook function that errors fails the deployment at once; an unknown alias fails it as INVALID_LAMBDA_FUNCTION', async () => {
    const clock = new ManualClock(0);
    const lambda = fakeLambda(async () => ({ functionError: 'Unhandled', payload: '{"errorMessage":"boom"}' }));
    const { service: s } = setup(lambda.traffic, 'CodeDeployDefault.LambdaAllAtOnce', clock);
    const failed = await s.waitForEnd((await s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: content('Hooks:\n  - AfterAllowTraffic: checker\n') })).deploymentId);
    expect(failed.errorInformation?.message).toContain('boom');
    expect(lambda.moves).toEqual(['2', '1']);
    const missing = { revisionType: 'AppSpecContent' as const, appSpecContent: { content: APPSPEC().replace('Alias: live', 'Alias: nope') } };
    const invalid = await s.waitForEnd((await s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: missing })).deploymentId);
    expect(invalid.errorInformation?.code).toBe('INVALID_LAMBDA_FUNCTION');
  });

  it('reads the AppSpec from a YAML object in S3, and refuses a zip bundle type for Lambda', async () => {
    const clock = new ManualClock(0);
    const lambda = fakeLambda(async () => ({ payload: 'null' }));
    const { service: s } = setup(lambda.traffic, 'CodeDeployDefault.LambdaAllAtOnce', clock);
    mkdirSync(join(dir, 's3', 'specs'), { recursive: true });
    writeFileSync(join(dir, 's3', 'specs', 'appspec.yaml'), APPSPEC());
    const d = await s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: { revisionType: 'S3', s3Location: { bucket: 'specs', key: 'appspec.yaml', bundleType: 'YAML' } } });
    expect((await s.waitForEnd(d.deploymentId)).status).toBe('Succeeded');
    expect(lambda.alias.functionVersion).toBe('2');
    await expect(s.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: { revisionType: 'S3', s3Location: { bucket: 'specs', key: 'appspec.yaml', bundleType: 'zip' } } })).rejects.toMatchObject({
      code: 'InvalidRevision',
    });
  });

  it('takes one report per hook execution: a second is LifecycleEventAlreadyCompleted', async () => {
    const clock = new ManualClock(0);
    let service!: DeploymentService;
    const seen: { DeploymentId: string; LifecycleEventHookExecutionId: string }[] = [];
    const lambda = fakeLambda(async (event) => {
      seen.push(event);
      service.putHookStatus(SCOPE, event.DeploymentId, event.LifecycleEventHookExecutionId, 'Succeeded');
      return { payload: 'null' };
    });
    service = setup(lambda.traffic, 'CodeDeployDefault.LambdaAllAtOnce', clock).service;
    const d = await service.create(SCOPE, { applicationName: 'app', deploymentGroupName: 'live', revision: content('Hooks:\n  - BeforeAllowTraffic: checker\n  - AfterAllowTraffic: checker\n') });
    expect((await service.waitForEnd(d.deploymentId)).status).toBe('Succeeded');
    expect(seen).toHaveLength(2);
    expect(seen[0].DeploymentId).toBe(d.deploymentId);
    expect(seen[0].LifecycleEventHookExecutionId).not.toBe(seen[1].LifecycleEventHookExecutionId);
    expect(() => service.putHookStatus(SCOPE, d.deploymentId, seen[0].LifecycleEventHookExecutionId, 'Failed')).toThrow(expect.objectContaining({ code: 'LifecycleEventAlreadyCompleted' }));
    expect(() => service.putHookStatus(SCOPE, d.deploymentId, 'made-up', 'Failed')).toThrow(expect.objectContaining({ code: 'InvalidLifecycleEventHookExecutionId' }));
  });
});
