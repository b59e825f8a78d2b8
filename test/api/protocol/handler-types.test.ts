import type * as CodeBuildSdk from '@aws-sdk/client-codebuild';
import type * as CodeCommitSdk from '@aws-sdk/client-codecommit';
import type * as CodeDeploySdk from '@aws-sdk/client-codedeploy';
import type * as CodePipelineSdk from '@aws-sdk/client-codepipeline';
import type { GetPipelineInput, GetPipelineOutput, ListPipelinesOutput } from '@aws-sdk/client-codepipeline';
import type { ListDeploymentsInput } from '@aws-sdk/client-codedeploy';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { codeBuildService, type CodeBuildDeps, type CodeBuildOperations } from '../../../src/api/codebuild/index.js';
import { codeCommitService, type CodeCommitDeps, type CodeCommitOperations } from '../../../src/api/codecommit/index.js';
import { codeDeployService, type CodeDeployDeps, type CodeDeployOperations } from '../../../src/api/codedeploy/index.js';
import { codePipelineService, type CodePipelineDeps, type CodePipelineOperations } from '../../../src/api/codepipeline/index.js';
import { defineService, type HandlerInput, type HandlerOutput, type ServiceDefinition, type ServiceHandlers, type ServiceModel } from '../../../src/api/protocol/index.js';

/** The operation names of an SDK package, read from its `<Operation>Command` exports (independently of SdkOperations). */
type CommandNames<Sdk> = { [K in keyof Sdk]: K extends `$${string}` ? never : K extends `${infer Operation}Command` ? Operation : never }[keyof Sdk];

const model = { metadata: {}, operations: {}, shapes: {} } as unknown as ServiceModel;

/** The operation names an SDK package has commands for, at run time. */
function commandsOf(sdk: object): string[] {
  return Object.keys(sdk).flatMap((name) => (name.endsWith('Command') ? [name.slice(0, -'Command'.length)] : []));
}

const sdkCommands = {
  codePipeline: commandsOf(await import('@aws-sdk/client-codepipeline')),
  codeBuild: commandsOf(await import('@aws-sdk/client-codebuild')),
  codeDeploy: commandsOf(await import('@aws-sdk/client-codedeploy')),
  codeCommit: commandsOf(await import('@aws-sdk/client-codecommit')),
};

describe('handler types', () => {
  describe('SdkOperations', () => {
    it('names every operation of each SDK client, and nothing else', () => {
      expectTypeOf<keyof CodePipelineOperations>().toEqualTypeOf<CommandNames<typeof CodePipelineSdk>>();
      expectTypeOf<keyof CodeBuildOperations>().toEqualTypeOf<CommandNames<typeof CodeBuildSdk>>();
      expectTypeOf<keyof CodeDeployOperations>().toEqualTypeOf<CommandNames<typeof CodeDeploySdk>>();
      expectTypeOf<keyof CodeCommitOperations>().toEqualTypeOf<CommandNames<typeof CodeCommitSdk>>();
    });

    it("gives each operation the SDK's input and output types", () => {
      expectTypeOf<CodePipelineOperations['GetPipeline']['input']>().toEqualTypeOf<CodePipelineSdk.GetPipelineCommandInput>();
      expectTypeOf<CodePipelineOperations['GetPipeline']['output']>().toEqualTypeOf<Omit<CodePipelineSdk.GetPipelineCommandOutput, '$metadata'>>();
      expectTypeOf<CodePipelineOperations['GetPipeline']['output']>().toMatchTypeOf<GetPipelineOutput>();
      expectTypeOf<GetPipelineOutput>().toMatchTypeOf<CodePipelineOperations['GetPipeline']['output']>();
    });
  });

  describe('HandlerInput', () => {
    it('has required members present, optional ones optional, and timestamps as epoch seconds', () => {
      expectTypeOf<HandlerInput<GetPipelineInput>>().toEqualTypeOf<{ name: string; version?: number | undefined }>();
      expectTypeOf<NonNullable<HandlerInput<ListDeploymentsInput>['createTimeRange']>['start']>().toEqualTypeOf<number | undefined>();
    });

    it('keeps every member of a relaxed model optional (CodeCommit checks its names itself)', () => {
      expectTypeOf<HandlerInput<CodeCommitOperations['GetRepository']['input']>>().toEqualTypeOf<{ repositoryName?: string | undefined }>();
    });
  });

  describe('HandlerOutput', () => {
    it('takes timestamps as Dates or epoch seconds', () => {
      expectTypeOf<{ pipelines: [{ name: 'p'; created: number }] }>().toMatchTypeOf<HandlerOutput<ListPipelinesOutput>>();
      expectTypeOf<{ pipelines: [{ name: 'p'; created: Date }] }>().toMatchTypeOf<HandlerOutput<ListPipelinesOutput>>();
      expectTypeOf<{ pipelines: [{ name: 'p'; created: string }] }>().not.toMatchTypeOf<HandlerOutput<ListPipelinesOutput>>();
    });
  });

  describe('a service table', () => {
    it('accepts handlers whose input and output fit the SDK', () => {
      expectTypeOf(defineService<CodePipelineOperations>(model, { GetPipeline: (input) => ({ metadata: { pipelineArn: input.name } }) })).toEqualTypeOf<ServiceDefinition>();
    });

    it('refuses a wrong output member type, a member the input does not have and an unknown operation, in every service', () => {
      // Each table holds one wrong handler: TypeScript reports only the first problem of an object literal.
      const wrongOutput: ServiceHandlers<CodePipelineOperations> = {
        // @ts-expect-error a number where the SDK's PipelineMetadata.pipelineArn is text
        GetPipeline: () => ({ metadata: { pipelineArn: 42 } }),
      };
      const wrongInput: ServiceHandlers<CodePipelineOperations> = {
        // @ts-expect-error ListPipelinesInput has no member `name`
        ListPipelines: (input) => ({ pipelines: [{ name: input.name }] }),
      };
      const unknownOperation: ServiceHandlers<CodePipelineOperations> = {
        // @ts-expect-error GetPipelines is no CodePipeline operation
        GetPipelines: () => ({}),
      };
      const builds: ServiceHandlers<CodeBuildOperations> = {
        // @ts-expect-error BatchGetBuildsOutput.builds is a list of Build, not of ids
        BatchGetBuilds: (input) => ({ builds: input.ids }),
      };
      const deployments: ServiceHandlers<CodeDeployOperations> = {
        // @ts-expect-error CreateDeploymentOutput.deploymentId is text
        CreateDeployment: () => ({ deploymentId: true }),
      };
      const repositories: ServiceHandlers<CodeCommitOperations> = {
        // @ts-expect-error repositoryName may be absent: CodeCommit's relaxed model does not require it
        GetRepository: (input) => ({ repositoryMetadata: { repositoryName: input.repositoryName.trim() } }),
      };
      expect([wrongOutput, wrongInput, unknownOperation, builds, deployments, repositories].every((table) => Object.keys(table).length > 0)).toBe(true);
    });
  });

  describe("each service's table", () => {
    // The tables are only read here, never called, so the services need no real dependencies.
    const services: [ServiceDefinition, string[]][] = [
      [codePipelineService({} as CodePipelineDeps), sdkCommands.codePipeline],
      [codeBuildService({} as CodeBuildDeps), sdkCommands.codeBuild],
      [codeDeployService({} as CodeDeployDeps), sdkCommands.codeDeploy],
      [codeCommitService({} as CodeCommitDeps), sdkCommands.codeCommit],
    ];

    it.each(services.map(([definition, commands]) => [definition.model.metadata.serviceId, definition, commands] as const))(
      'handles only operations of %s that its model and its SDK both have',
      (_name, definition, commands) => {
        const handled = Object.keys(definition.handlers);
        expect(handled.length).toBeGreaterThan(0);
        expect(handled.filter((op) => !Object.hasOwn(definition.model.operations, op) || !commands.includes(op))).toEqual([]);
      },
    );
  });
});
