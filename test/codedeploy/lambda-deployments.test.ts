import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  ListDeploymentInstancesCommand,
  ListDeploymentTargetsCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import { CreateAliasCommand, CreateFunctionCommand, GetAliasCommand, InvokeCommand, LambdaClient, PublishVersionCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/index.js';
import { waitForDeployment } from '../api/codedeploy/wait-for-deployment.js';
import { SERVICE_ROLE } from '../api/codedeploy/service-role.js';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from '../lambda/lambda-image.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-role`;
// Cold starts of the app function and the hook (which loads the CodeDeploy client) on a shared machine.
const DEPLOY_TIMEOUT_MS = 180_000;
const app = (answer: string) => ({ 'index.mjs': `export const handler = async () => ({ answer: '${answer}' });` });
// The hook as AWS's documentation writes one: it reports its verdict to CodeDeploy with the SDK.
const HOOK = {
  'index.mjs': `import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
const codedeploy = new CodeDeployClient({});
export const handler = async (event) => {
  console.log('validating', JSON.stringify(event));
  await codedeploy.send(new PutLifecycleEventHookExecutionStatusCommand({
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
    status: process.env.VERDICT,
  }));
  return 'reported';
};`,
};

function appSpec(fn: string, current: string, target: string, hooks: { before?: string; after?: string } = {}): string {
  const lines = [
    'version: 0.0',
    'Resources:',
    '  - myLambdaFunction:',
    '      Type: AWS::Lambda::Function',
    '      Properties:',
    `        Name: "${fn}"`,
    '        Alias: "live"',
    `        CurrentVersion: "${current}"`,
    `        TargetVersion: "${target}"`,
  ];
  const hookLines = [...(hooks.before ? [`  - BeforeAllowTraffic: "${hooks.before}"`] : []), ...(hooks.after ? [`  - AfterAllowTraffic: "${hooks.after}"`] : [])];
  return [...lines, ...(hookLines.length ? ['Hooks:', ...hookLines] : [])].join('\n');
}

describe('CodeDeploy Lambda deployments (functions run in containers)', () => {
  let env: TestEmulator;
  let lambda: LambdaClient;
  let codedeploy: CodeDeployClient;
  // Traffic-shift waits run on this clock's timers; the test moves it instead of sleeping.
  const clock = new ManualClock();

  /** A function with versions 1 (answers 'v1') and 2 (answers 'v2'), and alias `live` on version 1. */
  async function versionedFunction(name: string): Promise<void> {
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(app('v1')) } }));
    await lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(app('v2')) }));
    await lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' }));
  }
  const hook = (name: string, verdict: 'Succeeded' | 'Failed') =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(HOOK) }, Timeout: 60, Environment: { Variables: { VERDICT: verdict } } }));
  const group = async (application: string, config?: string) => {
    await codedeploy.send(new CreateApplicationCommand({ applicationName: application, computePlatform: 'Lambda' }));
    await codedeploy.send(new CreateDeploymentGroupCommand({ applicationName: application, deploymentGroupName: 'live', serviceRoleArn: SERVICE_ROLE, ...(config ? { deploymentConfigName: config } : {}) }));
  };
  const deploy = (application: string, content: string, config?: string) =>
    codedeploy.send(
      new CreateDeploymentCommand({ applicationName: application, deploymentGroupName: 'live', revision: { revisionType: 'AppSpecContent', appSpecContent: { content } }, ...(config ? { deploymentConfigName: config } : {}) }),
    );
  const answer = async (fn: string) => JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: fn, Qualifier: 'live' }))).Payload ?? []).toString()).answer;
  const targetOf = async (deploymentId: string) => {
    const { targetIds } = await codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId }));
    const { deploymentTargets } = await codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds }));
    return deploymentTargets![0];
  };

  beforeAll(async () => {
    await ensureLambdaImage();
    env = await startTestEmulator({}, { overrides: { clock, timers: clock } });
    lambda = env.client(LambdaClient);
    codedeploy = env.client(CodeDeployClient);
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('LambdaAllAtOnce with a BeforeAllowTraffic hook that succeeds moves the alias to the target version', { timeout: DEPLOY_TIMEOUT_MS }, async () => {
    await versionedFunction('shop');
    await hook('shop-check-ok', 'Succeeded');
    await group('shop-app');
    const { deploymentId } = await deploy('shop-app', appSpec('shop', '1', '2', { before: 'shop-check-ok' }));
    const info = await waitForDeployment(codedeploy, deploymentId!);
    expect(info).toMatchObject({
      status: 'Succeeded',
      computePlatform: 'Lambda',
      deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      revision: { revisionType: 'AppSpecContent' },
    });
    expect(await lambda.send(new GetAliasCommand({ FunctionName: 'shop', Name: 'live' }))).toMatchObject({ FunctionVersion: '2' });
    expect(await answer('shop')).toBe('v2');
    const target = await targetOf(deploymentId!);
    expect(target.deploymentTargetType).toBe('LambdaTarget');
    expect(target.lambdaTarget).toMatchObject({
      targetId: 'shop:live',
      targetArn: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:shop:live`,
      status: 'Succeeded',
      lambdaFunctionInfo: { functionName: 'shop', functionAlias: 'live', currentVersion: '1', targetVersion: '2', targetVersionWeight: 100 },
    });
    expect(target.lambdaTarget?.lifecycleEvents?.map((e) => [e.lifecycleEventName, e.status])).toEqual([
      ['Start', 'Succeeded'],
      ['BeforeAllowTraffic', 'Succeeded'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Skipped'],
      ['End', 'Succeeded'],
    ]);
    // The deprecated instance operations know no Lambda targets.
    await expect(codedeploy.send(new ListDeploymentInstancesCommand({ deploymentId }))).rejects.toMatchObject({ name: 'InvalidComputePlatformException' });
    // An execution id the deployment never made is refused.
    await expect(
      codedeploy.send(new PutLifecycleEventHookExecutionStatusCommand({ deploymentId, lifecycleEventHookExecutionId: 'not-an-execution', status: 'Succeeded' })),
    ).rejects.toMatchObject({ name: 'InvalidLifecycleEventHookExecutionIdException' });
  });

  it('a hook that reports Failed fails the deployment and leaves the alias on the current version', { timeout: DEPLOY_TIMEOUT_MS }, async () => {
    await versionedFunction('cart');
    await hook('cart-check-bad', 'Failed');
    await group('cart-app');
    const { deploymentId } = await deploy('cart-app', appSpec('cart', '1', '2', { before: 'cart-check-bad' }));
    const info = await waitForDeployment(codedeploy, deploymentId!);
    expect(info.status).toBe('Failed');
    expect(info.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    expect(await lambda.send(new GetAliasCommand({ FunctionName: 'cart', Name: 'live' }))).toMatchObject({ FunctionVersion: '1' });
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'cart', Name: 'live' }))).RoutingConfig).toBeUndefined();
    expect(await answer('cart')).toBe('v1');
    const target = await targetOf(deploymentId!);
    expect(target.lambdaTarget?.status).toBe('Failed');
    expect(target.lambdaTarget?.lifecycleEvents?.map((e) => e.status)).toEqual(['Succeeded', 'Failed', 'Skipped', 'Skipped', 'Skipped']);
  });

  it('LambdaCanary10Percent5Minutes sends 10% to the target version, then all of it once the clock passes 5 minutes', { timeout: DEPLOY_TIMEOUT_MS }, async () => {
    const config = 'CodeDeployDefault.LambdaCanary10Percent5Minutes';
    expect((await codedeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: config }))).deploymentConfigInfo).toMatchObject({
      computePlatform: 'Lambda',
      trafficRoutingConfig: { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 } },
    });
    await versionedFunction('search');
    await hook('search-after-ok', 'Succeeded');
    await group('search-app', config);
    const { deploymentId } = await deploy('search-app', appSpec('search', '1', '2', { after: 'search-after-ok' }));
    const canary = await waitFor(
      () => lambda.send(new GetAliasCommand({ FunctionName: 'search', Name: 'live' })),
      { timeoutMs: 60_000, intervalMs: 100, description: 'the canary weight on alias live' },
      (a) => a.RoutingConfig?.AdditionalVersionWeights?.['2'] !== undefined,
    );
    expect(canary).toMatchObject({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } });
    expect((await targetOf(deploymentId!)).lambdaTarget?.lambdaFunctionInfo?.targetVersionWeight).toBe(10);
    expect((await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo?.status).toBe('InProgress');
    clock.advance(4 * 60_000);
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'search', Name: 'live' }))).FunctionVersion).toBe('1');
    clock.advance(60_000);
    const info = await waitForDeployment(codedeploy, deploymentId!);
    expect(info.status).toBe('Succeeded');
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: 'search', Name: 'live' }));
    expect(alias.FunctionVersion).toBe('2');
    expect(alias.RoutingConfig).toBeUndefined();
    expect((await targetOf(deploymentId!)).lambdaTarget?.lifecycleEvents?.map((e) => e.status)).toEqual(['Succeeded', 'Skipped', 'Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('refuses an AppSpec without a function, and a Server config for a Lambda group', async () => {
    await expect(codedeploy.send(new CreateDeploymentCommand({ applicationName: 'shop-app', deploymentGroupName: 'live', revision: { revisionType: 'AppSpecContent', appSpecContent: { content: 'version: 0.0\nResources: []' } } }))).rejects.toMatchObject({
      name: 'InvalidRevisionException',
    });
    await expect(
      codedeploy.send(new CreateDeploymentGroupCommand({ applicationName: 'shop-app', deploymentGroupName: 'wrong', serviceRoleArn: SERVICE_ROLE, deploymentConfigName: 'CodeDeployDefault.OneAtATime' })),
    ).rejects.toMatchObject({ name: 'InvalidDeploymentConfigNameException' });
  });
});
