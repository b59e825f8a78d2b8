import { CodePipelineClient, CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { pipelineOf } from '../../helpers/pipelines.js';

/** What a file of --iam tests shares: the emulator, the root's IAM client, and the clients to destroy at the end. */
export interface IamFixture {
  env: TestEmulator;
  iam: IAMClient;
  made: { destroy(): void }[];
}

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/**
 * Starts a `serve --iam` emulator for the file with the root key given, the role `cp` that CodePipeline trusts, and
 * one pipeline (S3 source, Manual approval) per entry, created by the root with its tags; stops it after the file.
 */
export function useIamWithTaggedPipelines(root: { accessKeyId: string; secretAccessKey: string }, pipelines: { name: string; tags: { key: string; value: string }[] }[]): IamFixture {
  const fixture = { made: [] } as unknown as IamFixture;
  beforeAll(async () => {
    fixture.env = await startTestEmulator({ iam: true, rootAccessKeyId: root.accessKeyId, rootSecretAccessKey: root.secretAccessKey });
    const settings = { endpoint: fixture.env.url, region: 'us-east-1', credentials: root, maxAttempts: 1 };
    fixture.iam = new IAMClient(settings);
    const codepipeline = new CodePipelineClient(settings);
    fixture.made.push(fixture.iam, codepipeline);
    await fixture.iam.send(new CreateRoleCommand({ RoleName: 'cp', AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    const stages = [
      { name: 'Source', actions: [{ name: 'Source', actionTypeId: { category: 'Source' as const, owner: 'AWS' as const, provider: 'S3', version: '1' }, configuration: { S3Bucket: 'none', S3ObjectKey: 'a.zip', PollForSourceChanges: 'false' }, outputArtifacts: [{ name: 'Src' }] }] },
      { name: 'Approve', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval' as const, owner: 'AWS' as const, provider: 'Manual', version: '1' } }] },
    ];
    for (const p of pipelines) await codepipeline.send(new CreatePipelineCommand({ pipeline: pipelineOf(p.name, stages), tags: p.tags }));
  });
  afterAll(async () => {
    fixture.made.forEach((c) => c.destroy());
    await fixture.env?.close();
  });
  return fixture;
}
