import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../src/model/index.js';
import { s3ClientSettings } from '../../api/s3/s3-emulator.js';
import { BUILD_IMAGE_TIMEOUT_MS, ensureBuildImage } from '../../codebuild/build-image.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';
import { waitForExecutionEnd } from '../../helpers/wait.js';
import { folderSourceProvider } from './folder-source.js';

const APP = resolve('fixtures/apps/node-hello');
const PIPELINE_TIMEOUT_MS = 180_000;

// As AWS's own example: the commands export a variable and write a file; an S3 deploy uses both.
function pipeline(name: string, bucket: string): PipelineDeclaration {
  return pipelineOf(
    name,
    [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: folderSourceProvider.type.id, configuration: { Folder: APP }, outputArtifacts: [{ name: 'Source' }], runOrder: 1 }] },
      {
        name: 'Build',
        actions: [
          awsAction('Commands', 'Compute', 'Commands', {}, {
            namespace: 'CommandsVariables',
            inputArtifacts: [{ name: 'Source' }],
            outputArtifacts: [{ name: 'Built', files: ['out/**/*'] }],
            commands: ['mkdir -p out', 'echo "built $(node -p "require(\'./package.json\').version")" > out/result.txt', 'export RELEASE=release-$GREETING_SUFFIX', 'echo "commands ran for $RELEASE"'],
            outputVariables: ['RELEASE', 'CODEBUILD_BUILD_ID'],
            environmentVariables: [{ name: 'GREETING_SUFFIX', value: '42', type: 'PLAINTEXT' }],
          }),
        ],
      },
      { name: 'Deploy', actions: [awsAction('Deploy', 'Deploy', 'S3', { BucketName: bucket, Extract: 'true', ObjectKey: '#{CommandsVariables.RELEASE}' }, { inputArtifacts: [{ name: 'Built' }] })] },
    ],
    { pipelineType: 'V2' },
  );
}

describe('the Commands action in a pipeline (real Docker)', () => {
  let env: TestEmulator;
  const probes = executionProbes(() => env.codepipeline());

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator({}, { overrides: { providers: [folderSourceProvider] } });
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('runs the commands in a build, exports the variables, and hands the files and variables to the next stage', async () => {
    const name = uniqueName('commands');
    const bucket = uniqueName('commands-site');
    const s3 = new S3Client({ ...s3ClientSettings(env.url), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const id = await probes.create(pipeline(name, bucket));
    const execution = await waitForExecutionEnd(env.codepipeline(), name, id, { timeoutMs: PIPELINE_TIMEOUT_MS, intervalMs: 250 });
    const actions = await probes.actionsByName(name, id);
    expect(execution.status, JSON.stringify(actions, null, 1)).toBe('Succeeded');

    const commands = actions.Commands;
    const buildId = commands.output!.executionResult!.externalExecutionId!;
    expect(buildId).toMatch(/^codepipeline-commands:[0-9a-f-]{36}$/);
    expect(commands.output!.outputVariables).toEqual({ RELEASE: 'release-42', CODEBUILD_BUILD_ID: buildId });
    expect(commands.output!.outputArtifacts).toEqual([expect.objectContaining({ name: 'Built' })]);

    const log = await (await fetch(commands.output!.executionResult!.externalExecutionUrl!)).text();
    expect(log).toContain('commands ran for release-42');

    expect(actions.Deploy.input!.resolvedConfiguration!.ObjectKey).toBe('release-42');
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'release-42/out/result.txt' }));
    expect(await object.Body!.transformToString()).toBe('built 1.4.2\n');
    s3.destroy();
  });
});
