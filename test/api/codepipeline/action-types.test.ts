import { GetActionTypeCommand, ListActionTypesCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { localTestProviders } from '../../helpers/test-provider.js';

describe('CodePipeline action types API', () => {
  const emulator = useTestEmulator({}, { overrides: { providers: localTestProviders() } });

  describe('ListActionTypes', () => {
    it('lists the built-in types with their artifact counts and configuration properties', async () => {
      const out = await emulator.client.send(new ListActionTypesCommand({}));
      const codeBuild = out.actionTypes!.find((t) => t.id?.category === 'Build' && t.id.provider === 'CodeBuild');
      expect(codeBuild?.id).toEqual({ category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' });
      expect(codeBuild?.inputArtifactDetails).toEqual({ minimumCount: 1, maximumCount: 5 });
      expect(codeBuild?.outputArtifactDetails).toEqual({ minimumCount: 0, maximumCount: 5 });
      expect(codeBuild?.actionConfigurationProperties?.find((p) => p.name === 'ProjectName')).toMatchObject({ required: true, key: true, secret: false });
      const manual = out.actionTypes!.find((t) => t.id?.provider === 'Manual');
      expect(manual?.inputArtifactDetails).toEqual({ minimumCount: 0, maximumCount: 0 });
    });

    it('filters by owner', async () => {
      const out = await emulator.client.send(new ListActionTypesCommand({ actionOwnerFilter: 'ThirdParty' }));
      expect(out.actionTypes!.length).toBeGreaterThan(0);
      expect(out.actionTypes!.every((t) => t.id?.owner === 'ThirdParty')).toBe(true);
    });

    it('lists the custom action types the emulator runs under the Custom owner', async () => {
      const out = await emulator.client.send(new ListActionTypesCommand({ actionOwnerFilter: 'Custom' }));
      expect(out.actionTypes!.map((t) => `${t.id?.category}/${t.id?.provider}`)).toEqual(expect.arrayContaining(['Source/LocalTest', 'Build/LocalTest']));
      expect(out.actionTypes!.every((t) => t.id?.owner === 'Custom')).toBe(true);
    });

    it('answers InvalidNextTokenException for a token it did not issue', async () => {
      expect((await errorOf(emulator.client.send(new ListActionTypesCommand({ nextToken: 'bogus' })))).name).toBe('InvalidNextTokenException');
    });
  });

  describe('GetActionType', () => {
    it('describes a built-in type', async () => {
      const out = await emulator.client.send(new GetActionTypeCommand({ category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' }));
      expect(out.actionType?.id).toEqual({ category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' });
      expect(out.actionType?.outputArtifactDetails).toEqual({ minimumCount: 1, maximumCount: 1 });
      expect(out.actionType?.properties?.map((p) => p.name)).toEqual(expect.arrayContaining(['RepositoryName', 'BranchName']));
      expect(out.actionType?.executor?.type).toBeDefined();
    });

    it('answers ActionTypeNotFoundException for an unknown type', async () => {
      const error = await errorOf(emulator.client.send(new GetActionTypeCommand({ category: 'Build', owner: 'AWS', provider: 'Jenkins', version: '1' })));
      expect(error).toMatchObject({ name: 'ActionTypeNotFoundException', status: 400 });
      expect(error.message).toContain("Provider: 'Jenkins'");
    });

    it('answers ValidationException for an owner outside AWS and ThirdParty', async () => {
      const error = await errorOf(emulator.client.send(new GetActionTypeCommand({ category: 'Build', owner: 'Custom', provider: 'X', version: '1' })));
      expect(error.message).toBe("1 validation error detected: Value at 'owner' failed to satisfy constraint: Member must satisfy regular expression pattern: AWS|ThirdParty");
    });
  });
});
