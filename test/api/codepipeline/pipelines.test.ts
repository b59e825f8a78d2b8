import {
  CreatePipelineCommand,
  DeletePipelineCommand,
  GetPipelineCommand,
  ListPipelinesCommand,
  UpdatePipelineCommand,
  type PipelineDeclaration as SdkPipelineDeclaration,
} from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { withDefaults, type PipelineDeclaration } from '../../../src/model/index.js';
import { openDatabase, PipelineStore } from '../../../src/store/index.js';
import { ManualClock } from '../../../src/shared/index.js';
import { freshDataDir, startTestEmulator, TEST_ACCOUNT, useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { samplePipeline, uniqueName } from '../../helpers/pipelines.js';

// Our declaration type must be accepted where the SDK's is expected.
const asSdk = (p: PipelineDeclaration): SdkPipelineDeclaration => p;

describe('CodePipeline pipelines API', () => {
  // Timestamps come from this clock: they stand still until a test moves it.
  const clock = new ManualClock();
  const emulator = useTestEmulator({}, { overrides: { clock } });

  describe('CreatePipeline', () => {
    it('echoes the declaration with the defaults AWS fills in', async () => {
      const name = uniqueName();
      const out = await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      expect(out.pipeline).toEqual({
        ...samplePipeline(name),
        version: 1,
        executionMode: 'SUPERSEDED',
        pipelineType: 'V2',
        stages: [
          { name: 'Source', actions: [{ ...samplePipeline(name).stages[0].actions[0], runOrder: 1, inputArtifacts: [] }] },
          { name: 'Build', actions: [{ ...samplePipeline(name).stages[1].actions[0], runOrder: 1, outputArtifacts: [] }] },
        ],
      });
      expect(out.tags).toBeUndefined();
    });

    it('round-trips every field of a V2 declaration', async () => {
      const name = uniqueName();
      const declaration = samplePipeline(name, {
        pipelineType: 'V2',
        executionMode: 'QUEUED',
        variables: [{ name: 'Env', defaultValue: 'dev', description: 'target' }],
      });
      declaration.stages[0].actions[0] = {
        name: 'Source',
        namespace: 'SourceVariables',
        actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' },
        configuration: { ConnectionArn: 'arn:aws:codeconnections:us-east-1:000000000000:connection/abc', FullRepositoryId: 'team/app', BranchName: 'main' },
        outputArtifacts: [{ name: 'SourceArtifact' }],
        runOrder: 1,
        inputArtifacts: [],
      };
      declaration.triggers = [
        { providerType: 'CodeStarSourceConnection', gitConfiguration: { sourceActionName: 'Source', push: [{ branches: { includes: ['main'], excludes: ['old'] }, filePaths: { includes: ['src/**'] } }] } },
      ];
      declaration.stages[1].onFailure = { result: 'RETRY', retryConfiguration: { retryMode: 'FAILED_ACTIONS' } };
      declaration.stages[1].actions[0] = { ...declaration.stages[1].actions[0], runOrder: 2, region: 'us-east-1', roleArn: 'arn:aws:iam::000000000000:role/build', outputArtifacts: [{ name: 'BuildArtifact' }] };
      const out = await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(declaration), tags: [{ key: 'team', value: 'web' }] }));
      expect(out.pipeline).toEqual({ ...declaration, version: 1 });
      expect(out.tags).toEqual([{ key: 'team', value: 'web' }]);
      const got = await emulator.client.send(new GetPipelineCommand({ name }));
      expect(got.pipeline).toEqual({ ...declaration, version: 1 });
    });

    it('refuses a duplicate name with InvalidStructureException', async () => {
      const name = uniqueName();
      await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      const error = await errorOf(emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) })));
      expect(error).toEqual({ name: 'InvalidStructureException', message: `A pipeline with the name '${name}' already exists in account '000000000000'`, status: 400 });
    });

    it('refuses a model constraint with ValidationException', async () => {
      const error = await errorOf(emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline('bad name')) })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe("1 validation error detected: Value at 'pipeline.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9.@\\-_]+");
    });

    it('refuses system tags with InvalidTagsException and stores nothing', async () => {
      const name = uniqueName();
      const error = await errorOf(emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)), tags: [{ key: 'aws:x', value: 'y' }] })));
      expect(error.name).toBe('InvalidTagsException');
      expect((await errorOf(emulator.client.send(new GetPipelineCommand({ name })))).name).toBe('PipelineNotFoundException');
    });

    it('refuses more than 50 tags with TooManyTagsException', async () => {
      const name = uniqueName();
      const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      const error = await errorOf(emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)), tags })));
      expect(error).toMatchObject({ name: 'TooManyTagsException', message: `Tag limit exceeded for resource [arn:aws:codepipeline:us-east-1:000000000000:${name}].` });
    });
  });

  describe('GetPipeline', () => {
    it('returns metadata with the ARN and timestamps the SDK reads as dates', async () => {
      const name = uniqueName();
      await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      const out = await emulator.client.send(new GetPipelineCommand({ name }));
      expect(out.metadata?.pipelineArn).toBe(`arn:aws:codepipeline:us-east-1:000000000000:${name}`);
      expect(out.metadata?.created).toBeInstanceOf(Date);
      expect(out.metadata?.created).toEqual(new Date(clock.now()));
      expect(out.pipeline?.version).toBe(1);
    });

    it('answers PipelineNotFoundException for an unknown name', async () => {
      const error = await errorOf(emulator.client.send(new GetPipelineCommand({ name: 'missing-pipeline' })));
      expect(error).toEqual({ name: 'PipelineNotFoundException', message: "Account '000000000000' does not have a pipeline with name 'missing-pipeline'", status: 400 });
    });

    it('returns an earlier version when asked, and PipelineVersionNotFoundException for one that never existed', async () => {
      const name = uniqueName();
      await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      const changed = samplePipeline(name);
      changed.stages[1].actions[0].configuration = { ProjectName: 'other' };
      await emulator.client.send(new UpdatePipelineCommand({ pipeline: asSdk(changed) }));
      const v1 = await emulator.client.send(new GetPipelineCommand({ name, version: 1 }));
      expect(v1.pipeline?.version).toBe(1);
      expect(v1.pipeline?.stages?.[1].actions?.[0].configuration).toEqual({ ProjectName: 'web-app-build' });
      const v2 = await emulator.client.send(new GetPipelineCommand({ name }));
      expect(v2.pipeline?.stages?.[1].actions?.[0].configuration).toEqual({ ProjectName: 'other' });
      expect((await errorOf(emulator.client.send(new GetPipelineCommand({ name, version: 7 })))).name).toBe('PipelineVersionNotFoundException');
    });
  });

  describe('UpdatePipeline', () => {
    it('bumps the version and the updated time, ignoring the version the client sends', async () => {
      const name = uniqueName();
      await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      const created = await emulator.client.send(new GetPipelineCommand({ name }));
      clock.advance(1000);
      const out = await emulator.client.send(new UpdatePipelineCommand({ pipeline: asSdk({ ...samplePipeline(name), version: 99 }) }));
      expect(out.pipeline?.version).toBe(2);
      const got = await emulator.client.send(new GetPipelineCommand({ name }));
      expect(got.metadata!.updated!.getTime()).toBeGreaterThan(created.metadata!.updated!.getTime());
      expect(got.metadata!.created).toEqual(created.metadata!.created);
    });

    it('answers ResourceNotFoundException for an unknown pipeline', async () => {
      const error = await errorOf(emulator.client.send(new UpdatePipelineCommand({ pipeline: asSdk(samplePipeline('never-created')) })));
      expect(error).toEqual({ name: 'ResourceNotFoundException', message: "The account with id '000000000000' does not include a pipeline with the name 'never-created'", status: 400 });
    });

    it('leaves the stored pipeline untouched when the new declaration is invalid', async () => {
      const name = uniqueName();
      await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      const broken = samplePipeline(name);
      broken.stages = broken.stages.slice(0, 1);
      const error = await errorOf(emulator.client.send(new UpdatePipelineCommand({ pipeline: asSdk(broken) })));
      expect(error.name).toBe('InvalidStructureException');
      const got = await emulator.client.send(new GetPipelineCommand({ name }));
      expect(got.pipeline?.version).toBe(1);
      expect(got.pipeline?.stages).toHaveLength(2);
    });
  });

  describe('DeletePipeline', () => {
    it('removes the pipeline, and succeeds again for a pipeline already gone', async () => {
      const name = uniqueName();
      await emulator.client.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      await emulator.client.send(new DeletePipelineCommand({ name }));
      expect((await errorOf(emulator.client.send(new GetPipelineCommand({ name })))).name).toBe('PipelineNotFoundException');
      await expect(emulator.client.send(new DeletePipelineCommand({ name }))).resolves.toBeDefined();
    });
  });

  describe('ListPipelines', () => {
    it('pages through every pipeline with nextToken', async () => {
      const other = emulator.env.codepipeline('ap-south-1');
      const names = Array.from({ length: 5 }, (_, i) => `list-${i}`);
      for (const name of names) await other.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline(name)) }));
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await other.send(new ListPipelinesCommand({ maxResults: 2, nextToken }));
        seen.push(...page.pipelines!.map((p) => p.name!));
        expect(page.pipelines![0]).toMatchObject({ version: 1, pipelineType: 'V2', executionMode: 'SUPERSEDED' });
        expect(page.pipelines![0].created).toBeInstanceOf(Date);
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      expect(seen).toEqual(names);
      expect(pages).toBe(3);
    });

    it('answers InvalidNextTokenException for a token it did not issue', async () => {
      expect((await errorOf(emulator.client.send(new ListPipelinesCommand({ nextToken: 'garbage' })))).name).toBe('InvalidNextTokenException');
    });

    it('answers ValidationException for maxResults out of range', async () => {
      const error = await errorOf(emulator.client.send(new ListPipelinesCommand({ maxResults: 0 })));
      expect(error).toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1" });
    });
  });

  describe('when a region reaches 1000 pipelines', () => {
    it('answers LimitExceededException', async () => {
      // 999 pipelines put in the store before the emulator starts (1000 CreatePipeline calls would also start 1000
      // executions); the 1000th and the one too many go through the API.
      const region = 'sa-east-1';
      const dataDir = freshDataDir();
      const db = openDatabase(dataDir);
      const store = new PipelineStore(db);
      for (let i = 0; i < 999; i++) {
        const name = `n${i}`;
        store.create({ account: TEST_ACCOUNT, region }, withDefaults(samplePipeline(name), 1), Date.now(), { arn: `arn:aws:codepipeline:${region}:${TEST_ACCOUNT}:${name}`, tags: [] });
      }
      db.close();
      const env = await startTestEmulator({ dataDir });
      try {
        const crowded = env.codepipeline(region);
        await crowded.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline('the-1000th')) }));
        const error = await errorOf(crowded.send(new CreatePipelineCommand({ pipeline: asSdk(samplePipeline('one-too-many')) })));
        expect(error.name).toBe('LimitExceededException');
        expect(await errorOf(crowded.send(new GetPipelineCommand({ name: 'one-too-many' })))).toMatchObject({ name: 'PipelineNotFoundException' });
      } finally {
        await env.close();
      }
    });
  });
});
