import { CreatePipelineCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionDeclaration } from '../../src/model/index.js';
import { useTestEmulator } from '../helpers/emulator.js';
import { initCheckout, tempDir } from '../helpers/git.js';
import { uniqueName } from '../helpers/pipelines.js';
import { localTestProviders } from '../helpers/test-provider.js';
import { codeCommitSource, connectionSource, s3Source, sourceActionOf, sourcePipeline, untilExecutions } from './source-fixtures.js';

describe('source action failures', () => {
  const work = tempDir();
  const checkout = join(work, 'checkout');
  beforeAll(async () => {
    await initCheckout(checkout);
  });
  const emulator = useTestEmulator({ repositories: { app: checkout } }, { overrides: { providers: localTestProviders() } });

  /** Creates a pipeline on a source action and returns how its first source action failed. */
  async function failureOf(source: ActionDeclaration): Promise<{ status?: string; code?: string; message?: string }> {
    const name = uniqueName('fail');
    await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, source) }));
    const [execution] = await untilExecutions(emulator.client, name, 1);
    const action = await sourceActionOf(emulator.client, name, execution.pipelineExecutionId!);
    return { status: action.status, ...action.output?.executionResult?.errorDetails };
  }

  it.each([
    ['a missing repository', codeCommitSource('no-such-repo'), 'ConfigurationError', 'Could not access the CodeCommit repository no-such-repo. The repository no-such-repo does not exist.'],
    ['a missing branch', codeCommitSource('app', 'develop'), 'ConfigurationError', 'The branch develop does not exist in the repository app.'],
    ['an invalid branch name', codeCommitSource('app', '--upload-pack=evil'), 'ConfigurationError', 'The branch name "--upload-pack=evil" is not a valid branch name.'],
    ['an unknown output format', codeCommitSource('app', 'main', { OutputArtifactFormat: 'TARBALL' }), 'ConfigurationError', 'OutputArtifactFormat must be CODE_ZIP or CODEBUILD_CLONE_REF, not "TARBALL".'],
    ['a connection to a repository with no local counterpart', connectionSource('team/missing'), 'ConfigurationError', expect.stringContaining('codepipeline-local has no repository named missing')],
    ['a malformed connection ARN', connectionSource('team/app', 'main', { ConnectionArn: 'arn:aws:s3:::bucket' }), 'ConfigurationError', 'The connection ARN "arn:aws:s3:::bucket" is not a valid CodeStar connection ARN.'],
    ['a missing S3 bucket', s3Source('no-such-bucket', 'app.zip'), 'ConfigurationError', 'Could not access the Amazon S3 bucket no-such-bucket: The specified bucket does not exist.'],
    ['a key that leaves the bucket', s3Source('bucket', '../../etc/passwd'), 'ConfigurationError', 'The Amazon S3 location "bucket/../../etc/passwd" is not a valid bucket name and object key.'],
  ])('fails the action for %s, with AWS-like wording', async (_, source, code, message) => {
    expect(await failureOf(source)).toEqual({ status: 'Failed', code, message });
  });

  it('fails the action for a missing S3 object and for an object that is not a zip', async () => {
    mkdirSync(join(emulator.env.dataDir, 's3', 'errors-bucket'), { recursive: true });
    expect(await failureOf(s3Source('errors-bucket', 'absent.zip'))).toMatchObject({
      code: 'ConfigurationError',
      message: 'Could not fetch the object absent.zip from the Amazon S3 bucket errors-bucket: The specified key does not exist.',
    });
    writeFileSync(join(emulator.env.dataDir, 's3', 'errors-bucket', 'plain.txt'), 'not a zip');
    expect(await failureOf(s3Source('errors-bucket', 'plain.txt'))).toMatchObject({
      code: 'ConfigurationError',
      message: 'The object plain.txt in the Amazon S3 bucket errors-bucket is not a zip file. Source objects must be zip files.',
    });
  });

  it('fails a run asked for a commit the repository does not have', async () => {
    const name = uniqueName('override');
    await emulator.client.send(new CreatePipelineCommand({ pipeline: sourcePipeline(name, codeCommitSource('app')) }));
    await untilExecutions(emulator.client, name, 1);
    const missing = 'f'.repeat(40);
    const sourceRevisions = [{ actionName: 'Source', revisionType: 'COMMIT_ID' as const, revisionValue: missing }];
    const { pipelineExecutionId } = await emulator.client.send(new StartPipelineExecutionCommand({ name, sourceRevisions }));
    const action = await sourceActionOf(emulator.client, name, pipelineExecutionId!);
    expect(action.output?.executionResult?.errorDetails).toEqual({ code: 'RevisionUnavailable', message: `The commit ${missing} does not exist in the repository app.` });
  });
});
