import { CreatePipelineCommand } from '@aws-sdk/client-codepipeline';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLONE_REF_FILE, readCloneRef } from '../../src/providers/source/index.js';
import { useTestEmulator } from '../helpers/emulator.js';
import { commitFile, git, initCheckout, tempDir } from '../helpers/git.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders, zipEntries } from '../helpers/test-provider.js';
import { artifactFile, codeCommitSource, sourceActionOf, sourcePipeline, untilExecutions } from './source-fixtures.js';

describe('CODEBUILD_CLONE_REF source artifacts', () => {
  const work = tempDir();
  const checkout = join(work, 'checkout');
  let head = '';
  beforeAll(async () => {
    await initCheckout(checkout);
    head = await commitFile(checkout, 'src/a.txt', 'a\n', 'Second commit');
  });
  const emulator = useTestEmulator({ repositories: { app: checkout } }, { overrides: { providers: localTestProviders() } });

  it('holds one reference file from which git clones the repository with its full history', async () => {
    const name = uniqueName('clone');
    await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app', 'main', { OutputArtifactFormat: 'CODEBUILD_CLONE_REF' })) }));
    const [execution] = await untilExecutions(emulator.client, name, 1);
    const action = await sourceActionOf(emulator.client, name, execution.pipelineExecutionId!);
    const zip = artifactFile(emulator.env.dataDir, action);
    expect(Object.keys(zipEntries(zip))).toEqual([CLONE_REF_FILE]);
    const ref = readCloneRef(zip)!;
    expect(ref).toEqual({ cloneUrl: expect.stringMatching(/\.git$/), commitId: head, branch: 'main', repositoryName: 'app', cloneUrlHttp: `${emulator.env.url}/v1/repos/app` });
    expect(action.output?.outputVariables?.CommitId).toBe(head);

    await git(work, 'clone', '--quiet', ref.cloneUrl, 'cloned');
    const count = await git(join(work, 'cloned'), 'rev-list', '--count', ref.commitId);
    expect(count.stdout.trim()).toBe('2');
  });
});
