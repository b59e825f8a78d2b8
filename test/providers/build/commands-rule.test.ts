import { ListRuleExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../src/model/index.js';
import { BUILD_IMAGE_TIMEOUT_MS, ensureBuildImage } from '../../codebuild/build-image.js';
import { rule } from '../../helpers/condition-pipelines.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { testAction } from '../../helpers/local-pipelines.js';
import { pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { localTestProviders } from '../../helpers/test-provider.js';
import { waitForExecutionEnd } from '../../helpers/wait.js';
import { folderSourceProvider } from './folder-source.js';

const APP = resolve('fixtures/apps/node-hello');
const PIPELINE_TIMEOUT_MS = 180_000;

// The entry condition runs commands against the source artifact: the release goes on only if the app's version is the expected one.
function pipeline(name: string): PipelineDeclaration {
  const check = rule('VersionCheck', 'Commands', {}, {
    inputArtifacts: [{ name: 'Source' }],
    commands: ['test -f package.json', 'VERSION=$(node -p "require(\'./package.json\').version")', 'echo "checking version $VERSION"', 'test "$VERSION" = "1.4.2"'],
  });
  return pipelineOf(
    name,
    [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: folderSourceProvider.type.id, configuration: { Folder: APP }, outputArtifacts: [{ name: 'Source' }] }] },
      { name: 'Release', actions: [testAction('Release', 'Deploy')], beforeEntry: { conditions: [{ result: 'FAIL', rules: [check] }] } },
    ],
    { pipelineType: 'V2' },
  );
}

describe('the Commands rule of a stage condition (real Docker)', () => {
  let env: TestEmulator;
  const probes = executionProbes(() => env.codepipeline());

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator({}, { overrides: { providers: [folderSourceProvider, ...localTestProviders()] } });
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('runs its commands in a build with the input artifact, and lets the execution into the stage when they succeed', async () => {
    const name = uniqueName('commands-rule');
    const id = await probes.create(pipeline(name));
    const execution = await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
    const { ruleExecutionDetails } = await env.codepipeline().send(new ListRuleExecutionsCommand({ pipelineName: name }));
    expect(execution.status, JSON.stringify(ruleExecutionDetails, null, 1)).toBe('Succeeded');
    const [detail] = ruleExecutionDetails!;
    expect(detail).toMatchObject({ ruleName: 'VersionCheck', status: 'Succeeded', input: { inputArtifacts: [expect.objectContaining({ name: 'Source' })] } });
    const buildId = detail.output!.executionResult!.externalExecutionId!;
    expect(buildId).toMatch(/^codepipeline-commands:[0-9a-f-]{36}$/);
    const log = await (await fetch(detail.output!.executionResult!.externalExecutionUrl!)).text();
    expect(log).toContain('checking version 1.4.2');
    expect((await probes.stage(name, 'Release')).actionStates![0].latestExecution?.status).toBe('Succeeded');
  });
});
