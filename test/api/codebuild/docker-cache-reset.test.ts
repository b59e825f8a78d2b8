import { CodeBuildClient, CreateProjectCommand, InvalidateProjectCacheCommand, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { finishedBuild } from './codebuild-server.js';

// Each build reports what the cache held, then adds a line to it.
const BUILDSPEC = `version: 0.2
env:
  exported-variables: [SEEN]
phases:
  build:
    commands:
      - mkdir -p /root/.cachedir
      - SEEN="$(cat /root/.cachedir/runs 2>/dev/null | wc -l)"
      - echo run >> /root/.cachedir/runs
cache:
  paths:
    - /root/.cachedir/**/*
`;

describe('InvalidateProjectCache with builds in Docker', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  const project = uniqueName('cachereset');

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator();
    client = env.client(CodeBuildClient);
    await client.send(
      new CreateProjectCommand({
        name: project,
        source: { type: 'NO_SOURCE', buildspec: BUILDSPEC },
        artifacts: { type: 'NO_ARTIFACTS' },
        cache: { type: 'LOCAL', modes: ['LOCAL_CUSTOM_CACHE'] },
        ...DEFAULT_IMAGE_PROJECT,
      }),
    );
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => {
    // The reset removes the volume; this removes what the last build left.
    await client?.send(new InvalidateProjectCacheCommand({ projectName: project })).catch(() => undefined);
    await env?.close();
  });

  async function seen(): Promise<string | undefined> {
    const { build } = await client.send(new StartBuildCommand({ projectName: project }));
    const done = await finishedBuild(client, build!.id!, 120_000);
    expect(done.buildStatus).toBe('SUCCEEDED');
    return done.exportedEnvironmentVariables?.find((v) => v.name === 'SEEN')?.value;
  }

  it('empties the cache the next build starts with', async () => {
    expect(await seen()).toBe('0');
    expect(await seen()).toBe('1');
    await client.send(new InvalidateProjectCacheCommand({ projectName: project }));
    expect(await seen()).toBe('0');
  });
});
