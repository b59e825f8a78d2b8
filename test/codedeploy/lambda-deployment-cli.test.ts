import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../helpers/emulator.js';
import { awsInScratch } from '../helpers/aws-cli-process.js';
import { waitFor } from '../helpers/wait.js';
import { ensureLambdaImage, LAMBDA_IMAGE_TIMEOUT_MS, zipOf } from '../lambda/lambda-image.js';
import { requireAwsCli } from '../helpers/aws-cli-required.js';

// A Lambda deployment as a user types it: `aws lambda publish-version` and `create-alias`, then `aws deploy
// create-application --compute-platform Lambda`, `create-deployment-group` and `create-deployment` with an AppSpec.

const CLI_TIMEOUT_MS = 120_000;

describe('the AWS CLI deploying to a Lambda alias', () => {
  let env: TestEmulator;
  let scratch: string;

  const aws = (...args: string[]) => awsInScratch(env.url, scratch, args);
  const ok = async (...args: string[]) => {
    const run = await aws(...args);
    expect(run.code, `aws ${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run.json;
  };

  beforeAll(async () => {
    requireAwsCli();
    await ensureLambdaImage();
    scratch = mkdtempSync(join(tmpdir(), 'cpl-lambda-deploy-cli-'));
    writeFileSync(join(scratch, 'config'), '[default]\n');
    writeFileSync(join(scratch, 'credentials'), '');
    writeFileSync(join(scratch, 'v1.zip'), zipOf({ 'app.py': 'def handler(event, context):\n    return "v1"\n' }));
    writeFileSync(join(scratch, 'v2.zip'), zipOf({ 'app.py': 'def handler(event, context):\n    return "v2"\n' }));
    env = await startTestEmulator();
  }, LAMBDA_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('aws deploy create-deployment with an AppSpecContent revision moves the alias to the target version', { timeout: 4 * CLI_TIMEOUT_MS }, async () => {
    await ok('lambda', 'create-function', '--function-name', 'cli-app', '--runtime', 'python3.12', '--role', `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-ex`, '--handler', 'app.handler', '--zip-file', 'fileb://v1.zip');
    expect(await ok('lambda', 'publish-version', '--function-name', 'cli-app')).toMatchObject({ Version: '1' });
    await ok('lambda', 'update-function-code', '--function-name', 'cli-app', '--zip-file', 'fileb://v2.zip');
    expect(await ok('lambda', 'publish-version', '--function-name', 'cli-app', '--description', 'second')).toMatchObject({ Version: '2', Description: 'second' });
    expect(await ok('lambda', 'create-alias', '--function-name', 'cli-app', '--name', 'live', '--function-version', '1')).toMatchObject({ Name: 'live', FunctionVersion: '1' });
    await ok('deploy', 'create-application', '--application-name', 'cli-lambda', '--compute-platform', 'Lambda');
    await ok('deploy', 'create-deployment-group', '--application-name', 'cli-lambda', '--deployment-group-name', 'live', '--service-role-arn', `arn:aws:iam::${TEST_ACCOUNT}:role/CodeDeployServiceRole`, '--deployment-config-name', 'CodeDeployDefault.LambdaAllAtOnce');
    const content = JSON.stringify({
      version: 0.0,
      Resources: [{ app: { Type: 'AWS::Lambda::Function', Properties: { Name: 'cli-app', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' } } }],
    });
    const revision = JSON.stringify({ revisionType: 'AppSpecContent', appSpecContent: { content } });
    const created = await ok('deploy', 'create-deployment', '--application-name', 'cli-lambda', '--deployment-group-name', 'live', '--revision', revision);
    const deploymentId = created.deploymentId as string;
    expect(deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    const info = await waitFor(() => ok('deploy', 'get-deployment', '--deployment-id', deploymentId), { timeoutMs: CLI_TIMEOUT_MS, intervalMs: 250, description: `deployment ${deploymentId}` }, (o) =>
      ['Succeeded', 'Failed', 'Stopped'].includes(o.deploymentInfo.status),
    );
    expect(info.deploymentInfo).toMatchObject({ status: 'Succeeded', computePlatform: 'Lambda' });
    expect(await ok('lambda', 'get-alias', '--function-name', 'cli-app', '--name', 'live')).toMatchObject({ FunctionVersion: '2' });
    const invoked = await aws('lambda', 'invoke', '--function-name', 'cli-app', '--qualifier', 'live', 'out.json');
    expect(invoked.code, invoked.stderr).toBe(0);
    expect(invoked.json).toMatchObject({ StatusCode: 200, ExecutedVersion: '2' });
    expect(JSON.parse(readFileSync(join(scratch, 'out.json'), 'utf8'))).toBe('v2');
  });
});
