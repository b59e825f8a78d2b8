import { ListActionExecutionsCommand, ListPipelineExecutionsCommand, type ActionExecutionDetail, type CodePipelineClient, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionDeclaration, PipelineDeclaration } from '../../src/model/index.js';
import { git } from '../helpers/git.js';
import { testAction } from '../helpers/local-pipelines.js';
import { awsAction, pipelineOf } from '../helpers/pipelines.js';
import { waitFor } from '../helpers/wait.js';

// What every source action here declares beside its configuration.
const SOURCE_OUTPUT = { namespace: 'SourceVariables', outputArtifacts: [{ name: 'SourceArtifact' }] };

/** A CodeCommit source action on a repository and branch. */
export function codeCommitSource(repositoryName: string, branch = 'main', extra: Record<string, string> = {}): ActionDeclaration {
  return awsAction('Source', 'Source', 'CodeCommit', { RepositoryName: repositoryName, BranchName: branch, ...extra }, SOURCE_OUTPUT);
}

/** An S3 source action on an object key of a bucket (no namespace). */
export function s3Source(bucket: string, key: string, extra: Record<string, string> = {}): ActionDeclaration {
  return awsAction('Source', 'Source', 'S3', { S3Bucket: bucket, S3ObjectKey: key, ...extra }, { outputArtifacts: [{ name: 'SourceArtifact' }] });
}

/** The connection ARN source actions in tests use. */
export const CONNECTION_ARN = 'arn:aws:codeconnections:us-east-1:000000000000:connection/5b0c1f0e-1111-2222-3333-444455556666';

/** A CodeStarSourceConnection source action on `owner/name` and a branch. */
export function connectionSource(fullRepositoryId: string, branch = 'main', extra: Record<string, string> = {}): ActionDeclaration {
  return awsAction('Source', 'Source', 'CodeStarSourceConnection', { ConnectionArn: CONNECTION_ARN, FullRepositoryId: fullRepositoryId, BranchName: branch, ...extra }, SOURCE_OUTPUT);
}

/** A pipeline of one source action followed by a test Build action that succeeds at once. */
export function sourcePipeline(name: string, source: ActionDeclaration, extra: Partial<PipelineDeclaration> = {}): PipelineDeclaration {
  return pipelineOf(name, [{ name: 'Source', actions: [source] }, { name: 'Build', actions: [testAction('Build', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] })] }], extra);
}

/** The executions of a pipeline, newest first. */
export async function executions(client: CodePipelineClient, pipelineName: string): Promise<PipelineExecutionSummary[]> {
  return (await client.send(new ListPipelineExecutionsCommand({ pipelineName }))).pipelineExecutionSummaries ?? [];
}

// Detection runs through a file watcher, a debounce and an evaluation queue. 5 s was exceeded once in a full suite
// run on 2 cores (a push to a new branch), while the same file passed eight runs alone: the bound is a guard, not a target.
/** Waits until a pipeline has `count` executions and returns them, newest first. */
export function untilExecutions(client: CodePipelineClient, pipelineName: string, count: number, timeoutMs = 20_000): Promise<PipelineExecutionSummary[]> {
  return waitFor(() => executions(client, pipelineName), { timeoutMs, description: `${count} executions of ${pipelineName}` }, (list) => list.length >= count);
}

/** Waits until an execution's source action has ended, and returns its action execution. */
export async function sourceActionOf(client: CodePipelineClient, pipelineName: string, pipelineExecutionId: string): Promise<ActionExecutionDetail> {
  return waitFor(
    async () => (await client.send(new ListActionExecutionsCommand({ pipelineName, filter: { pipelineExecutionId } }))).actionExecutionDetails?.find((d) => d.stageName === 'Source'),
    { description: `the source action of ${pipelineExecutionId}` },
    (d) => d !== undefined && d.status !== 'InProgress',
  ) as Promise<ActionExecutionDetail>;
}

/** The file of an artifact in the emulator's artifact store: an object of the S3 folder (`<dataDir>/s3` by default). */
export function artifactFile(dataDir: string, detail: ActionExecutionDetail): string {
  const location = detail.output!.outputArtifacts![0].s3location!;
  return join(dataDir, 's3', location.bucket!, location.key!);
}

/** The files of a commit's tree, path to content, as git stores them. */
export async function treeOf(gitDirOrWorkTree: string, commitId: string): Promise<Record<string, string>> {
  const { stdout } = await git(gitDirOrWorkTree, 'ls-tree', '-r', '-z', '--name-only', commitId);
  const out: Record<string, string> = {};
  for (const path of stdout.split('\0').filter(Boolean)) out[path] = (await git(gitDirOrWorkTree, 'show', `${commitId}:${path}`)).stdout;
  return out;
}

/** Reads a file as text. */
export function text(path: string): string {
  return readFileSync(path, 'utf8');
}
