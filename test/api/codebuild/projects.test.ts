import {
  BatchGetProjectsCommand,
  CreateProjectCommand,
  DeleteProjectCommand,
  ListProjectsCommand,
  UpdateProjectCommand,
  type CreateProjectCommandInput,
} from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/index.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { startCodeBuildServer, type CodeBuildTestServer } from './codebuild-server.js';

const ROLE = 'arn:aws:iam::000000000000:role/service-role/codebuild';

function projectInput(name: string, overrides: Partial<CreateProjectCommandInput> = {}): CreateProjectCommandInput {
  return {
    name,
    source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: ROLE,
    ...overrides,
  };
}

describe('CodeBuild projects API', () => {
  let server: CodeBuildTestServer;
  // Timestamps come from this clock: they stand still until a test moves it.
  const clock = new ManualClock();
  beforeAll(async () => (server = await startCodeBuildServer({ clock })));
  afterAll(async () => server?.close());

  describe('CreateProject', () => {
    it('returns the project with the defaults AWS fills in', async () => {
      const name = uniqueName('proj');
      const { project } = await server.client.send(new CreateProjectCommand(projectInput(name)));
      expect(project).toMatchObject({
        name,
        arn: `arn:aws:codebuild:us-east-1:000000000000:project/${name}`,
        source: { type: 'NO_SOURCE' },
        artifacts: { type: 'NO_ARTIFACTS' },
        cache: { type: 'NO_CACHE' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [], privilegedMode: false, imagePullCredentialsType: 'CODEBUILD' },
        serviceRole: ROLE,
        timeoutInMinutes: 60,
        queuedTimeoutInMinutes: 480,
        encryptionKey: 'arn:aws:kms:us-east-1:000000000000:alias/aws/s3',
        tags: [],
        badge: { badgeEnabled: false },
      });
      expect(project!.created).toEqual(new Date(clock.now()));
      expect(project!.lastModified).toEqual(project!.created);
    });

    describe('when the name is taken', () => {
      it('fails with ResourceAlreadyExistsException naming the project ARN', async () => {
        const name = uniqueName('proj');
        await server.client.send(new CreateProjectCommand(projectInput(name)));
        const error = await errorOf(server.client.send(new CreateProjectCommand(projectInput(name))));
        expect(error).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 400, message: `Project already exists: arn:aws:codebuild:us-east-1:000000000000:project/${name}` });
      });
    });

    describe('when a NO_SOURCE project has no buildspec', () => {
      it('fails with InvalidInputException', async () => {
        const error = await errorOf(server.client.send(new CreateProjectCommand(projectInput(uniqueName('proj'), { source: { type: 'NO_SOURCE' } }))));
        expect(error.name).toBe('InvalidInputException');
        expect(error.message).toContain('buildspec');
      });
    });

    describe('when only one of source and artifacts is CODEPIPELINE', () => {
      it('fails with InvalidInputException', async () => {
        const error = await errorOf(server.client.send(new CreateProjectCommand(projectInput(uniqueName('proj'), { source: { type: 'CODEPIPELINE' } }))));
        expect(error.name).toBe('InvalidInputException');
      });
    });
  });

  describe('BatchGetProjects', () => {
    it('finds projects by name or ARN and lists the others as not found, as given', async () => {
      const name = uniqueName('proj');
      await server.client.send(new CreateProjectCommand(projectInput(name)));
      const arn = `arn:aws:codebuild:us-east-1:000000000000:project/${name}`;
      const out = await server.client.send(new BatchGetProjectsCommand({ names: [name, arn, 'missing-project'] }));
      expect(out.projects!.map((p) => p.arn)).toEqual([arn, arn]);
      expect(out.projectsNotFound).toEqual(['missing-project']);
    });
  });

  describe('UpdateProject', () => {
    it('replaces the members given, keeps the others and moves lastModified', async () => {
      const name = uniqueName('proj');
      const created = (await server.client.send(new CreateProjectCommand(projectInput(name, { description: 'first' })))).project!;
      clock.advance(1000);
      const { project } = await server.client.send(new UpdateProjectCommand({ name, timeoutInMinutes: 15, badgeEnabled: true }));
      expect(project).toMatchObject({ name, description: 'first', timeoutInMinutes: 15, badge: { badgeEnabled: true }, source: created.source });
      expect(project!.lastModified!.getTime()).toBeGreaterThan(created.lastModified!.getTime());
      expect(project!.created).toEqual(created.created);
    });

    describe('when the project does not exist', () => {
      it('fails with ResourceNotFoundException', async () => {
        const error = await errorOf(server.client.send(new UpdateProjectCommand({ name: 'no-such-project', description: 'x' })));
        expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Project cannot be found: arn:aws:codebuild:us-east-1:000000000000:project/no-such-project' });
      });
    });
  });

  describe('DeleteProject', () => {
    it('removes the project; deleting it again succeeds', async () => {
      const name = uniqueName('proj');
      await server.client.send(new CreateProjectCommand(projectInput(name)));
      await server.client.send(new DeleteProjectCommand({ name }));
      await server.client.send(new DeleteProjectCommand({ name }));
      const out = await server.client.send(new BatchGetProjectsCommand({ names: [name] }));
      expect(out).toMatchObject({ projects: [], projectsNotFound: [name] });
    });
  });

  describe('ListProjects', () => {
    it('lists names sorted as asked', async () => {
      const prefix = uniqueName('list');
      for (const suffix of ['b', 'a', 'c']) {
        await server.client.send(new CreateProjectCommand(projectInput(`${prefix}-${suffix}`)));
        clock.advance(1000);
      }
      const mine = (names: string[] = []) => names.filter((n) => n.startsWith(prefix));
      const byName = await server.client.send(new ListProjectsCommand({ sortBy: 'NAME', sortOrder: 'DESCENDING' }));
      expect(mine(byName.projects)).toEqual([`${prefix}-c`, `${prefix}-b`, `${prefix}-a`]);
      const byCreation = await server.client.send(new ListProjectsCommand({ sortBy: 'CREATED_TIME', sortOrder: 'ASCENDING' }));
      expect(mine(byCreation.projects)).toEqual([`${prefix}-b`, `${prefix}-a`, `${prefix}-c`]);
    });

    describe('when the nextToken was not issued by the server', () => {
      it('fails with InvalidInputException', async () => {
        const error = await errorOf(server.client.send(new ListProjectsCommand({ nextToken: 'bogus' })));
        expect(error.name).toBe('InvalidInputException');
      });
    });
  });
});
