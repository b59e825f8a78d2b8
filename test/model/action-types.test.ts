import type {
  ActionType as SdkActionType,
  ActionTypeDeclaration as SdkActionTypeDeclaration,
} from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import {
  actionTypeKey,
  builtInActionTypes,
  findActionType,
  isV2OnlyActionType,
  toActionTypeDeclaration,
  type ActionTypeDefinition,
} from '../../src/model/action-types.js';
import type { ActionTypeId } from '../../src/model/pipeline-declaration.js';

const id = (key: string): ActionTypeId => {
  const [category, owner, provider, version] = key.split('/');
  return { category, owner, provider, version } as ActionTypeId;
};

const expectedKeys = [
  'Source/AWS/S3/1', 'Source/AWS/CodeCommit/1', 'Source/AWS/CodeStarSourceConnection/1', 'Source/AWS/ECR/1',
  'Source/ThirdParty/GitHub/1', 'Build/AWS/CodeBuild/1', 'Test/AWS/CodeBuild/1', 'Build/AWS/ECRBuildAndPublish/1',
  'Compute/AWS/Commands/1', 'Approval/AWS/Manual/1', 'Deploy/AWS/S3/1', 'Deploy/AWS/CodeDeploy/1', 'Deploy/AWS/ECS/1',
  'Deploy/AWS/CodeDeployToECS/1', 'Deploy/AWS/CloudFormation/1', 'Deploy/AWS/ElasticBeanstalk/1', 'Deploy/AWS/Lambda/1',
  'Invoke/AWS/Lambda/1', 'Invoke/AWS/StepFunctions/1',
];

describe('builtInActionTypes', () => {
  describe('when listed', () => {
    it('holds every built-in action type exactly once', () => {
      const keys = builtInActionTypes.map((t) => actionTypeKey(t.id));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(expect.arrayContaining(expectedKeys));
    });

    it('keeps artifact counts within the model range and min below max', () => {
      for (const t of builtInActionTypes) {
        for (const d of [t.inputArtifactDetails, t.outputArtifactDetails]) {
          expect(d.minimumCount).toBeGreaterThanOrEqual(0);
          expect(d.maximumCount).toBeLessThanOrEqual(10);
          expect(d.minimumCount).toBeLessThanOrEqual(d.maximumCount);
        }
      }
    });

    it('keeps descriptions within the model length of 160', () => {
      const descriptions = builtInActionTypes.flatMap((t) => t.actionConfigurationProperties.map((p) => p.description ?? ''));
      expect(descriptions.every((d) => d.length >= 1 && d.length <= 160)).toBe(true);
    });

    it('marks only the GitHub OAuthToken as secret', () => {
      const secrets = builtInActionTypes.flatMap((t) => t.actionConfigurationProperties.filter((p) => p.secret).map((p) => p.name));
      expect(secrets).toEqual(['OAuthToken']);
    });

    it('is assignable to the SDK ActionType', () => {
      const sdk: SdkActionType[] = [...builtInActionTypes];
      expect(sdk).toHaveLength(builtInActionTypes.length);
    });
  });
});

describe('findActionType', () => {
  describe('when the id is a built-in', () => {
    it('returns its definition', () => {
      const found = findActionType(id('Build/AWS/CodeBuild/1'));
      expect(found?.inputArtifactDetails).toEqual({ minimumCount: 1, maximumCount: 5 });
      expect(found?.actionConfigurationProperties.find((p) => p.required)?.name).toBe('ProjectName');
    });
  });

  describe('when the id is unknown', () => {
    it('returns undefined', () => {
      expect(findActionType(id('Build/Custom/Jenkins/1'))).toBeUndefined();
      expect(findActionType(id('Build/AWS/CodeBuild/2'))).toBeUndefined();
    });
  });

  describe('when the id is among the extra types', () => {
    it('returns the extra definition', () => {
      const custom: ActionTypeDefinition = {
        id: id('Build/Custom/Jenkins/1'),
        actionConfigurationProperties: [],
        inputArtifactDetails: { minimumCount: 0, maximumCount: 1 },
        outputArtifactDetails: { minimumCount: 0, maximumCount: 1 },
      };
      expect(findActionType(id('Build/Custom/Jenkins/1'), [custom])).toBe(custom);
    });
  });
});

describe('isV2OnlyActionType', () => {
  describe('when the type is Commands', () => {
    it('returns true', () => {
      expect(isV2OnlyActionType(id('Compute/AWS/Commands/1'))).toBe(true);
    });
  });

  describe('when the type is CodeBuild', () => {
    it('returns false', () => {
      expect(isV2OnlyActionType(id('Build/AWS/CodeBuild/1'))).toBe(false);
    });
  });
});

describe('toActionTypeDeclaration', () => {
  describe('when given the GitHub source type', () => {
    const decl = toActionTypeDeclaration(findActionType(id('Source/ThirdParty/GitHub/1'))!);

    it('describes a job-worker executor', () => {
      expect(decl.executor).toEqual({ configuration: { jobWorkerExecutorConfiguration: {} }, type: 'JobWorker' });
    });

    it('copies the id and artifact counts', () => {
      expect(decl.id).toEqual({ category: 'Source', owner: 'ThirdParty', provider: 'GitHub', version: '1' });
      expect(decl.inputArtifactDetails).toEqual({ minimumCount: 0, maximumCount: 0 });
      expect(decl.outputArtifactDetails).toEqual({ minimumCount: 1, maximumCount: 1 });
    });

    it('turns required into optional and secret into noEcho', () => {
      expect(decl.properties?.find((p) => p.name === 'OAuthToken')).toMatchObject({ optional: false, key: true, noEcho: true });
      expect(decl.properties?.find((p) => p.name === 'PollForSourceChanges')).toMatchObject({ optional: true, noEcho: false });
    });

    it('leaves out urls when there are no settings', () => {
      expect(decl).not.toHaveProperty('urls');
    });

    it('is assignable to the SDK ActionTypeDeclaration', () => {
      const sdk: SdkActionTypeDeclaration = decl;
      expect(sdk.id?.provider).toBe('GitHub');
    });
  });

  describe('when the type has settings', () => {
    it('maps them to urls, renaming thirdPartyConfigurationUrl to configurationUrl', () => {
      const def: ActionTypeDefinition = {
        ...findActionType(id('Build/AWS/CodeBuild/1'))!,
        settings: { thirdPartyConfigurationUrl: 'https://c', executionUrlTemplate: 'https://e/{ExternalExecutionId}' },
      };
      expect(toActionTypeDeclaration(def).urls).toEqual({ configurationUrl: 'https://c', executionUrlTemplate: 'https://e/{ExternalExecutionId}' });
    });
  });
});
