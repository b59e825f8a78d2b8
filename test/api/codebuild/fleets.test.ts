import {
  BatchGetFleetsCommand,
  BatchGetProjectsCommand,
  CodeBuildClient,
  CreateFleetCommand,
  CreateProjectCommand,
  DeleteFleetCommand,
  ListFleetsCommand,
  StartBuildCommand,
  UpdateFleetCommand,
  UpdateProjectCommand,
  type CreateFleetCommandInput,
} from '@aws-sdk/client-codebuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAwsCli } from '../../helpers/aws-cli-required.js';
import { freshDataDir, startTestEmulator, TEST_ACCOUNT, type TestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { runAsync } from '../../helpers/run-async.js';
import { finishedBuild, startCodeBuildServer, type CodeBuildTestServer } from './codebuild-server.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/service-role/codebuild`;

function fleetInput(name: string, overrides: Partial<CreateFleetCommandInput> = {}): CreateFleetCommandInput {
  return { name, baseCapacity: 1, environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL', ...overrides };
}

function projectWithFleet(name: string, fleetArn: string) {
  return {
    name,
    source: { type: 'NO_SOURCE' as const, buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n' },
    artifacts: { type: 'NO_ARTIFACTS' as const },
    environment: { type: 'LINUX_CONTAINER' as const, image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' as const, fleet: { fleetArn } },
    serviceRole: ROLE,
  };
}

describe('CodeBuild fleets', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  const dataDir = freshDataDir();
  beforeAll(async () => {
    env = await startTestEmulator({ dataDir });
    client = env.client(CodeBuildClient);
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('CreateFleet', () => {
    it('answers the new fleet, CREATING, with an ARN fleet/<name>:<uuid>', async () => {
      const name = uniqueName('fleet');
      const { fleet } = await client.send(new CreateFleetCommand(fleetInput(name, { tags: [{ key: 'team', value: 'a' }] })));
      expect(fleet).toMatchObject({ name, baseCapacity: 1, environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL', overflowBehavior: 'QUEUE', status: { statusCode: 'CREATING' }, tags: [{ key: 'team', value: 'a' }] });
      expect(fleet?.arn).toMatch(new RegExp(`^arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:fleet/${name}:[0-9a-f-]{36}$`));
      expect(fleet?.id).toBe(fleet?.arn?.slice(fleet.arn.indexOf(':fleet/') + 7));
      expect(fleet?.created).toBeInstanceOf(Date);
    });

    it('is ACTIVE when read back', async () => {
      const { fleet } = await client.send(new CreateFleetCommand(fleetInput(uniqueName('fleet'))));
      const { fleets, fleetsNotFound } = await client.send(new BatchGetFleetsCommand({ names: [fleet!.arn!, 'no-such-fleet'] }));
      expect(fleets?.map((f) => f.status)).toEqual([{ statusCode: 'ACTIVE' }]);
      expect(fleetsNotFound).toEqual(['no-such-fleet']);
    });

    it('refuses a second fleet of the same name', async () => {
      const name = uniqueName('fleet');
      await client.send(new CreateFleetCommand(fleetInput(name)));
      expect(await errorOf(client.send(new CreateFleetCommand(fleetInput(name))))).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 400 });
    });

    it.each([
      ['a name that breaks the pattern', fleetInput('-bad name'), 'ValidationException'],
      ['a capacity of 0', fleetInput('zero-capacity', { baseCapacity: 0 }), 'InvalidInputException'],
      ['an unknown compute type', fleetInput('bad-compute', { computeType: 'HUGE' as never }), 'ValidationException'],
      ['attribute-based compute without its attributes', fleetInput('abc-fleet', { computeType: 'ATTRIBUTE_BASED_COMPUTE' }), 'InvalidInputException'],
      ['a scaling maximum below the base capacity', fleetInput('scale-fleet', { baseCapacity: 3, scalingConfiguration: { scalingType: 'TARGET_TRACKING_SCALING', maxCapacity: 2 } }), 'InvalidInputException'],
    ])('refuses %s', async (_what, input, type) => {
      const error = await errorOf(client.send(new CreateFleetCommand(input)));
      expect(error).toMatchObject({ name: type, status: 400 });
      expect(error.message).not.toBe('');
    });

    it('refuses a request without a required member', async () => {
      const error = await errorOf(client.send(new CreateFleetCommand({ name: 'no-capacity', environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' } as CreateFleetCommandInput)));
      expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(error.message).toContain('baseCapacity');
    });

    it('takes attribute-based compute with its attributes and shows the scaling with its desired capacity', async () => {
      const { fleet } = await client.send(
        new CreateFleetCommand(
          fleetInput(uniqueName('abc'), { baseCapacity: 2, computeType: 'ATTRIBUTE_BASED_COMPUTE', computeConfiguration: { vCpu: 4, memory: 8, machineType: 'GENERAL' }, scalingConfiguration: { scalingType: 'TARGET_TRACKING_SCALING', maxCapacity: 5, targetTrackingScalingConfigs: [{ metricType: 'FLEET_UTILIZATION_RATE', targetValue: 80 }] } }),
        ),
      );
      expect(fleet).toMatchObject({ computeConfiguration: { vCpu: 4, memory: 8, machineType: 'GENERAL' }, scalingConfiguration: { scalingType: 'TARGET_TRACKING_SCALING', maxCapacity: 5, desiredCapacity: 2 } });
    });
  });

  describe('UpdateFleet', () => {
    it('replaces the members given and keeps the rest', async () => {
      const { fleet } = await client.send(new CreateFleetCommand(fleetInput(uniqueName('upd'), { fleetServiceRole: ROLE })));
      const { fleet: updated } = await client.send(new UpdateFleetCommand({ arn: fleet!.arn!, baseCapacity: 4, computeType: 'BUILD_GENERAL1_LARGE' }));
      expect(updated).toMatchObject({ arn: fleet!.arn, baseCapacity: 4, computeType: 'BUILD_GENERAL1_LARGE', environmentType: 'LINUX_CONTAINER', fleetServiceRole: ROLE, status: { statusCode: 'UPDATING' } });
      const { fleets } = await client.send(new BatchGetFleetsCommand({ names: [fleet!.arn!] }));
      expect(fleets?.[0]).toMatchObject({ baseCapacity: 4, computeType: 'BUILD_GENERAL1_LARGE', status: { statusCode: 'ACTIVE' } });
    });

    it('answers ResourceNotFoundException for an unknown fleet', async () => {
      const arn = `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:fleet/none:00000000-0000-0000-0000-000000000000`;
      expect(await errorOf(client.send(new UpdateFleetCommand({ arn, baseCapacity: 2 })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    });
  });

  describe('ListFleets', () => {
    it('lists fleet ARNs by name, either way, a page at a time', async () => {
      const prefix = uniqueName('lst');
      const arns: string[] = [];
      for (const suffix of ['b', 'a', 'c']) arns.push((await client.send(new CreateFleetCommand(fleetInput(`${prefix}-${suffix}`)))).fleet!.arn!);
      const all = (await client.send(new ListFleetsCommand({ sortBy: 'NAME', sortOrder: 'DESCENDING' }))).fleets!.filter((a) => a.includes(`/${prefix}-`));
      expect(all).toEqual([arns[2], arns[0], arns[1]]);
      const first = await client.send(new ListFleetsCommand({ maxResults: 1 }));
      expect(first.fleets).toHaveLength(1);
      expect(first.nextToken).toBeDefined();
      const second = await client.send(new ListFleetsCommand({ maxResults: 1, nextToken: first.nextToken }));
      expect(second.fleets?.[0]).not.toBe(first.fleets?.[0]);
      expect(await errorOf(client.send(new ListFleetsCommand({ nextToken: 'bogus' })))).toMatchObject({ name: 'InvalidInputException' });
    });
  });

  describe('a project on a fleet', () => {
    it('keeps the fleet in its environment, and refuses an unknown fleet', async () => {
      const { fleet } = await client.send(new CreateFleetCommand(fleetInput(uniqueName('proj-fleet'))));
      const name = uniqueName('proj');
      const { project } = await client.send(new CreateProjectCommand(projectWithFleet(name, fleet!.arn!)));
      expect(project?.environment?.fleet).toEqual({ fleetArn: fleet!.arn });
      const unknown = `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:fleet/gone:00000000-0000-0000-0000-000000000000`;
      expect(await errorOf(client.send(new CreateProjectCommand(projectWithFleet(uniqueName('proj'), unknown))))).toMatchObject({ name: 'InvalidInputException', status: 400 });
      const error = await errorOf(client.send(new UpdateProjectCommand({ name, environment: projectWithFleet(name, unknown).environment })));
      expect(error).toMatchObject({ name: 'InvalidInputException' });
    });

    it('keeps the fleet from being deleted while the project names it', async () => {
      const { fleet } = await client.send(new CreateFleetCommand(fleetInput(uniqueName('in-use'))));
      const name = uniqueName('proj');
      await client.send(new CreateProjectCommand(projectWithFleet(name, fleet!.arn!)));
      const error = await errorOf(client.send(new DeleteFleetCommand({ arn: fleet!.arn! })));
      expect(error).toMatchObject({ name: 'InvalidInputException' });
      expect(error.message).toContain(name);
      const { environment } = projectWithFleet(name, fleet!.arn!);
      await client.send(new UpdateProjectCommand({ name, environment: { ...environment, fleet: undefined } }));
      await client.send(new DeleteFleetCommand({ arn: fleet!.arn! }));
      expect((await client.send(new BatchGetFleetsCommand({ names: [fleet!.arn!] }))).fleetsNotFound).toEqual([fleet!.arn]);
      expect((await client.send(new BatchGetProjectsCommand({ names: [name] }))).projects).toHaveLength(1);
    });
  });

  describe('DeleteFleet', () => {
    it('answers InvalidInputException for an unknown fleet', async () => {
      expect(await errorOf(client.send(new DeleteFleetCommand({ arn: 'arn:aws:codebuild:us-east-1:000000000000:fleet/none:x' })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    });
  });

  describe('after a restart', () => {
    it('keeps its fleets', async () => {
      const { fleet } = await client.send(new CreateFleetCommand(fleetInput(uniqueName('durable'), { baseCapacity: 2 })));
      await env.close();
      env = await startTestEmulator({ dataDir });
      client = env.client(CodeBuildClient);
      const { fleets } = await client.send(new BatchGetFleetsCommand({ names: [fleet!.arn!] }));
      expect(fleets?.[0]).toMatchObject({ arn: fleet!.arn, baseCapacity: 2, status: { statusCode: 'ACTIVE' } });
    });
  });

  describe('the AWS CLI', () => {
    it('creates, lists and deletes a fleet', async () => {
      requireAwsCli();
      const scratch = mkdtempSync(join(tmpdir(), 'cpl-fleet-cli-'));
      try {
        writeFileSync(join(scratch, 'config'), '[default]\n');
        const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
        const aws = (...args: string[]) =>
          runAsync('aws', ['--endpoint-url', env.url, '--region', 'us-east-1', '--output', 'json', 'codebuild', ...args], {
            cwd: scratch,
            env: { ...inherited, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'dummy-secret', AWS_PAGER: '', AWS_CONFIG_FILE: join(scratch, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'credentials'), AWS_MAX_ATTEMPTS: '1', AWS_EC2_METADATA_DISABLED: 'true' },
            timeoutMs: 60_000,
          });
        const name = uniqueName('cli-fleet');
        const created = await aws('create-fleet', '--name', name, '--base-capacity', '1', '--environment-type', 'LINUX_CONTAINER', '--compute-type', 'BUILD_GENERAL1_SMALL');
        expect(created.code, created.stderr).toBe(0);
        const arn = JSON.parse(created.stdout).fleet.arn as string;
        expect(arn).toContain(`:fleet/${name}:`);
        const listed = await aws('list-fleets');
        expect(JSON.parse(listed.stdout).fleets).toContain(arn);
        const bad = await aws('create-fleet', '--name', uniqueName('cli-fleet'), '--base-capacity', '0', '--environment-type', 'LINUX_CONTAINER', '--compute-type', 'BUILD_GENERAL1_SMALL');
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toContain('InvalidInputException');
        expect((await aws('delete-fleet', '--arn', arn)).code).toBe(0);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });

  describe("a build of a fleet's project (scripted runner)", () => {
    let server: CodeBuildTestServer;
    beforeAll(async () => (server = await startCodeBuildServer()));
    afterAll(async () => server?.close());

    it("shows the fleet in its environment and runs with the fleet's compute type", async () => {
      const { fleet } = await server.client.send(new CreateFleetCommand(fleetInput(uniqueName('large'), { computeType: 'BUILD_GENERAL1_LARGE' })));
      const name = uniqueName('on-fleet');
      await server.client.send(new CreateProjectCommand(projectWithFleet(name, fleet!.arn!)));
      const { build } = await server.client.send(new StartBuildCommand({ projectName: name }));
      expect(build?.environment?.fleet).toEqual({ fleetArn: fleet!.arn });
      const done = await finishedBuild(server.client, build!.id!);
      expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', environment: { computeType: 'BUILD_GENERAL1_SMALL', fleet: { fleetArn: fleet!.arn } } });
      expect(server.requests.find((r) => r.buildId === build!.id)?.computeType).toBe('BUILD_GENERAL1_LARGE');
    });

    it('takes a fleetOverride of a fleet that exists, and refuses an unknown one', async () => {
      const { fleet } = await server.client.send(new CreateFleetCommand(fleetInput(uniqueName('medium'), { computeType: 'BUILD_GENERAL1_MEDIUM' })));
      const { fleet: other } = await server.client.send(new CreateFleetCommand(fleetInput(uniqueName('small'))));
      const name = uniqueName('override');
      await server.client.send(new CreateProjectCommand(projectWithFleet(name, other!.arn!)));
      const { build } = await server.client.send(new StartBuildCommand({ projectName: name, fleetOverride: { fleetArn: fleet!.arn! } }));
      expect(build?.environment?.fleet).toEqual({ fleetArn: fleet!.arn });
      await finishedBuild(server.client, build!.id!);
      expect(server.requests.find((r) => r.buildId === build!.id)?.computeType).toBe('BUILD_GENERAL1_MEDIUM');
      const unknown = `arn:aws:codebuild:us-east-1:${TEST_ACCOUNT}:fleet/gone:00000000-0000-0000-0000-000000000000`;
      expect(await errorOf(server.client.send(new StartBuildCommand({ projectName: name, fleetOverride: { fleetArn: unknown } })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    });
  });
});
