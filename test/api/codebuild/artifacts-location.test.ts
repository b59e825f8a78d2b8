import { CreateProjectCommand, StartBuildCommand, UpdateProjectCommand, type CreateProjectCommandInput } from '@aws-sdk/client-codebuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { startCodeBuildServer, type CodeBuildTestServer } from './codebuild-server.js';

function projectInput(overrides: Partial<CreateProjectCommandInput> = {}): CreateProjectCommandInput {
  return {
    name: uniqueName('artifacts'),
    source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' },
    artifacts: { type: 'S3', location: 'attacker', packaging: 'ZIP' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
    ...overrides,
  };
}

describe('CodeBuild artifacts locations', () => {
  let server: CodeBuildTestServer;
  beforeAll(async () => (server = await startCodeBuildServer()));
  afterAll(async () => server?.close());

  describe('when StartBuild overrides the artifacts with a path that climbs out of the bucket', () => {
    it('fails with InvalidInputException naming the field, and deletes nothing', async () => {
      mkdirSync(join(server.s3Dir, 'victim'), { recursive: true });
      writeFileSync(join(server.s3Dir, 'victim', 'keep.txt'), 'precious');
      const input = projectInput();
      await server.client.send(new CreateProjectCommand(input));
      const override = { type: 'S3' as const, location: 'attacker', path: '..', name: 'victim', packaging: 'ZIP' as const };
      const error = await errorOf(server.client.send(new StartBuildCommand({ projectName: input.name, artifactsOverride: override })));
      expect(error).toMatchObject({ name: 'InvalidInputException', message: "Invalid artifactsOverride: path .. must not contain '.' or '..' path segments" });
      expect(server.requests).toEqual([]);
      expect(readFileSync(join(server.s3Dir, 'victim', 'keep.txt'), 'utf8')).toBe('precious');
    });
  });

  describe('when CreateProject names artifacts that would leave their bucket', () => {
    it.each([
      [{ type: 'S3', location: 'attacker', name: '../victim' }, "Invalid artifacts: name ../victim must not contain '.' or '..' path segments"],
      [{ type: 'S3', location: 'attacker/../victim' }, "Invalid artifacts: location attacker/../victim must not contain '.' or '..' path segments"],
      [{ type: 'S3', location: '..' }, 'Invalid artifacts: location .. does not name a valid S3 bucket (3-63 lower-case letters, digits, dots and hyphens)'],
      [{ type: 'S3', location: 'Not_A_Bucket' }, 'Invalid artifacts: location Not_A_Bucket does not name a valid S3 bucket (3-63 lower-case letters, digits, dots and hyphens)'],
    ] as const)('refuses %j with InvalidInputException', async (artifacts, message) => {
      const error = await errorOf(server.client.send(new CreateProjectCommand(projectInput({ artifacts }))));
      expect(error).toMatchObject({ name: 'InvalidInputException', message });
    });

    it('refuses secondary artifacts the same way', async () => {
      const secondaryArtifacts = [{ type: 'S3' as const, location: 'attacker', path: 'a/../..', artifactIdentifier: 'two' }];
      const error = await errorOf(server.client.send(new CreateProjectCommand(projectInput({ secondaryArtifacts }))));
      expect(error).toMatchObject({ name: 'InvalidInputException', message: "Invalid secondaryArtifacts: path a/../.. must not contain '.' or '..' path segments" });
    });
  });

  describe('when UpdateProject names artifacts that would leave their bucket', () => {
    it('refuses them with InvalidInputException', async () => {
      const input = projectInput();
      await server.client.send(new CreateProjectCommand(input));
      const error = await errorOf(server.client.send(new UpdateProjectCommand({ name: input.name, artifacts: { type: 'S3', location: 'attacker', path: '..' } })));
      expect(error).toMatchObject({ name: 'InvalidInputException', message: "Invalid artifacts: path .. must not contain '.' or '..' path segments" });
    });
  });

  describe('when the artifacts stay inside their bucket', () => {
    it('accepts a bucket ARN with a prefix, a path and a name', async () => {
      const artifacts = { type: 'S3' as const, location: 'arn:aws:s3:::my-bucket/prefix', path: 'a/b', name: 'app.zip' };
      const { project } = await server.client.send(new CreateProjectCommand(projectInput({ artifacts })));
      expect(project?.artifacts).toMatchObject(artifacts);
    });
  });
});
