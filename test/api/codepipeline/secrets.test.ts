import { CreatePipelineCommand, GetPipelineCommand, UpdatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import type { PipelineDeclaration } from '../../../src/model/index.js';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { samplePipeline, uniqueName } from '../../helpers/pipelines.js';

function gitHubPipeline(name: string, token: string): PipelineDeclaration {
  const p = samplePipeline(name);
  p.stages[0].actions[0] = {
    name: 'Source',
    actionTypeId: { category: 'Source', owner: 'ThirdParty', provider: 'GitHub', version: '1' },
    configuration: { Owner: 'team', Repo: 'app', Branch: 'main', OAuthToken: token },
    outputArtifacts: [{ name: 'SourceArtifact' }],
  };
  return p;
}

describe('secret configuration properties', () => {
  const emulator = useTestEmulator();

  describe('when a pipeline holds a secret', () => {
    it('shows it as **** on read and keeps it when an update sends **** back', async () => {
      const name = uniqueName();
      const created = await emulator.client.send(new CreatePipelineCommand({ pipeline: gitHubPipeline(name, 'ghp_secret') }));
      expect(created.pipeline?.stages?.[0].actions?.[0].configuration?.OAuthToken).toBe('****');
      const got = await emulator.client.send(new GetPipelineCommand({ name }));
      expect(got.pipeline?.stages?.[0].actions?.[0].configuration?.OAuthToken).toBe('****');
      const { version: _version, ...declaration } = got.pipeline!;
      await emulator.client.send(new UpdatePipelineCommand({ pipeline: declaration as PipelineDeclaration }));
      // The stored value is still the real one: the file on disk is the only place to see it.
      const { PipelineStore, openDatabase } = await import('../../../src/store/index.js');
      const db = openDatabase(emulator.env.dataDir);
      const stored = new PipelineStore(db).get({ account: '000000000000', region: 'us-east-1' }, name);
      db.close();
      expect(stored?.declaration.stages[0].actions[0].configuration?.OAuthToken).toBe('ghp_secret');
      expect(stored?.declaration.version).toBe(2);
    });
  });

  describe('when a new pipeline sends **** as a secret', () => {
    it('answers InvalidActionDeclarationException as AWS does', async () => {
      const error = await errorOf(emulator.client.send(new CreatePipelineCommand({ pipeline: gitHubPipeline(uniqueName(), '****') })));
      expect(error).toEqual({
        name: 'InvalidActionDeclarationException',
        message: 'Action configuration for the new action "Source" contains an invalid configuration for the secret property "OAuthToken". "****" may be used in secret properties only when updating an existing action.',
        status: 400,
      });
    });
  });
});
