import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, CreateRepositoryCommand, PutFileCommand } from '@aws-sdk/client-codecommit';
import { CodeDeployClient, CreateApplicationCommand, CreateDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { GetActionTypeCommand, GetPipelineExecutionCommand, ListActionExecutionsCommand, ListActionTypesCommand, ListPipelineExecutionsCommand, type ActionState } from '@aws-sdk/client-codepipeline';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { aws } from '../protocol/tiny/aws-cli.js';
import { useS3Emulator } from '../s3/s3-emulator.js';
import { executionProbes } from '../../helpers/execution-probes.js';
import { awsAction, pipelineOf, uniqueName } from '../../helpers/pipelines.js';

const SCOPE = 'account=000000000000&region=us-east-1';
const SERVICE_ROLE = 'arn:aws:iam::000000000000:role/CodeDeployServiceRole';

// AWS fills in console links for its own action types; the emulator's point into itself: its console's
// repository pages, its S3 endpoint, and its CodeBuild project and CodeDeploy deployment group pages.
describe('console links of the built-in action types', () => {
  const handle = useS3Emulator('links');
  const probes = executionProbes(() => handle.env.codepipeline());
  const state = (name: string, stage: string, action: string): Promise<ActionState> => probes.action(name, stage, action);

  beforeAll(async () => {
    const { s3 } = handle;
    await Promise.all(['releases', 'website'].map((Bucket) => s3.send(new CreateBucketCommand({ Bucket }))));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'releases', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'releases', Key: 'dir/app.zip', Body: zipSync({ 'index.html': strToU8('<h1>v1</h1>') }) }));
  });

  describe('ListActionTypes and GetActionType', () => {
    it('give AWS types settings whose templates point into the emulator, and none to types AWS gives none', async () => {
      const { url } = handle.env;
      const { actionTypes } = await handle.env.codepipeline().send(new ListActionTypesCommand({ actionOwnerFilter: 'AWS' }));
      const settingsOf = (category: string, provider: string) => actionTypes!.find((t) => t.id?.category === category && t.id.provider === provider)?.settings;
      expect(settingsOf('Build', 'CodeBuild')).toEqual({
        entityUrlTemplate: `${url}/codebuild/projects/{Config:ProjectName}?${SCOPE}`,
        executionUrlTemplate: `${url}/codebuild/builds/{ExternalExecutionId}/log`,
      });
      expect(settingsOf('Source', 'CodeCommit')).toEqual({
        entityUrlTemplate: `${url}/console/repositories/{Config:RepositoryName}/browse/{Config:BranchName}`,
        executionUrlTemplate: `${url}/console/repositories/{Config:RepositoryName}/commit/{ExternalExecutionId}`,
      });
      expect(settingsOf('Approval', 'Manual')).toBeUndefined();
      const { actionType } = await handle.env.codepipeline().send(new GetActionTypeCommand({ category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' }));
      expect(actionType?.urls).toEqual({
        entityUrlTemplate: `${url}/codedeploy/applications/{Config:ApplicationName}/deployment-groups/{Config:DeploymentGroupName}?${SCOPE}`,
        executionUrlTemplate: `${url}/codedeploy/deployments/{ExternalExecutionId}`,
      });
    });

    it('show the same settings to `aws codepipeline list-action-types`', async () => {
      const run = await aws(handle.env.url, ['codepipeline', 'list-action-types', '--action-owner-filter', 'AWS']);
      expect(run.code, run.stderr).toBe(0);
      const s3Source = run.json.actionTypes.find((t: { id: { category: string; provider: string } }) => t.id.category === 'Source' && t.id.provider === 'S3');
      expect(s3Source.settings).toEqual({
        entityUrlTemplate: `${handle.env.url}/{Config:S3Bucket}?prefix={Config:S3ObjectKey}`,
        executionUrlTemplate: `${handle.env.url}/{Config:S3Bucket}/{Config:S3ObjectKey}?versionId={ExternalExecutionId}`,
      });
    });
  });

  describe('when a pipeline runs an S3 source and names a CodeBuild project and a CodeDeploy group', () => {
    it('shows entityUrl, revisionUrl and externalExecutionUrl that lead to the object, the project and the group', async () => {
      const { url } = handle.env;
      await handle.env.client(CodeBuildClient).send(
        new CreateProjectCommand({
          name: 'links-project',
          source: { type: 'CODEPIPELINE' },
          artifacts: { type: 'CODEPIPELINE' },
          environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
          serviceRole: 'arn:aws:iam::000000000000:role/CodeBuildServiceRole',
        }),
      );
      const codedeploy = handle.env.client(CodeDeployClient);
      await codedeploy.send(new CreateApplicationCommand({ applicationName: 'links-app' }));
      await codedeploy.send(new CreateDeploymentGroupCommand({ applicationName: 'links-app', deploymentGroupName: 'links-group', serviceRoleArn: SERVICE_ROLE }));
      const name = uniqueName('links-s3');
      const bundle = [{ name: 'Bundle' }];
      const pipeline = pipelineOf(name, [
        { name: 'Source', actions: [awsAction('Source', 'Source', 'S3', { S3Bucket: 'releases', S3ObjectKey: 'dir/app.zip', PollForSourceChanges: 'false' }, { outputArtifacts: bundle })] },
        { name: 'Publish', actions: [awsAction('Site', 'Deploy', 'S3', { BucketName: 'website', Extract: 'true' }, { inputArtifacts: bundle })] },
        // The run waits here, so the actions after it never run (and no build container starts).
        { name: 'Approve', actions: [awsAction('Approve', 'Approval', 'Manual', {})] },
        {
          name: 'Later',
          actions: [
            awsAction('Build', 'Build', 'CodeBuild', { ProjectName: 'links-project' }, { inputArtifacts: bundle }),
            awsAction('Deploy', 'Deploy', 'CodeDeploy', { ApplicationName: 'links-app', DeploymentGroupName: 'links-group' }, { inputArtifacts: bundle, runOrder: 2 }),
          ],
        },
      ]);
      const executionId = await probes.create(pipeline);
      await probes.untilAction(name, 'Approve', 'Approve', (a) => a.latestExecution?.status === 'InProgress', 20_000);

      const source = await state(name, 'Source', 'Source');
      const versionId = source.currentRevision!.revisionId!;
      const objectUrl = `${url}/releases/dir%2Fapp.zip?versionId=${versionId}`;
      expect(source).toMatchObject({ entityUrl: `${url}/releases?prefix=dir%2Fapp.zip`, revisionUrl: objectUrl, latestExecution: { externalExecutionId: versionId, externalExecutionUrl: objectUrl } });
      expect((await fetch(objectUrl)).status).toBe(200);
      expect(await (await fetch(source.entityUrl!)).text()).toContain('<Key>dir/app.zip</Key>');
      expect(await state(name, 'Publish', 'Site')).toMatchObject({ entityUrl: `${url}/website` });

      // Actions that never ran show only their entity link.
      const build = await state(name, 'Later', 'Build');
      expect(build).toEqual({ actionName: 'Build', entityUrl: `${url}/codebuild/projects/links-project?${SCOPE}` });
      const project = await fetch(build.entityUrl!);
      expect(project.status).toBe(200);
      expect((await project.json()).project).toMatchObject({ name: 'links-project', arn: 'arn:aws:codebuild:us-east-1:000000000000:project/links-project' });
      const deploy = await state(name, 'Later', 'Deploy');
      expect(deploy).toEqual({ actionName: 'Deploy', entityUrl: `${url}/codedeploy/applications/links-app/deployment-groups/links-group?${SCOPE}` });
      expect((await (await fetch(deploy.entityUrl!)).json()).deploymentGroupInfo).toMatchObject({ applicationName: 'links-app', deploymentGroupName: 'links-group' });
      expect((await fetch(`${url}/codebuild/projects/nobody?${SCOPE}`)).status).toBe(404);

      const { pipelineExecutionSummaries } = await handle.env.codepipeline().send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(pipelineExecutionSummaries?.[0].sourceRevisions?.[0]).toMatchObject({ revisionId: versionId, revisionUrl: objectUrl });
      const { actionExecutionDetails } = await handle.env.codepipeline().send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: executionId } }));
      const sourceDetail = actionExecutionDetails!.find((d) => d.actionName === 'Source');
      expect(sourceDetail?.output?.executionResult).toMatchObject({ externalExecutionId: versionId, externalExecutionUrl: objectUrl });
    });
  });

  describe('when a pipeline runs a CodeCommit source', () => {
    it('links the repository branch and the commit to the console pages, as `aws codepipeline get-pipeline-state` shows', async () => {
      const { url } = handle.env;
      const codecommit = handle.env.client(CodeCommitClient);
      await codecommit.send(new CreateRepositoryCommand({ repositoryName: 'links-repo' }));
      const { commitId } = await codecommit.send(new PutFileCommand({ repositoryName: 'links-repo', branchName: 'main', filePath: 'README.md', fileContent: Buffer.from('hello\n'), commitMessage: 'Start' }));
      const name = uniqueName('links-cc');
      const pipeline = pipelineOf(name, [
        { name: 'Source', actions: [awsAction('Source', 'Source', 'CodeCommit', { RepositoryName: 'links-repo', BranchName: 'main', PollForSourceChanges: 'false' }, { outputArtifacts: [{ name: 'Code' }] })] },
        { name: 'Approve', actions: [awsAction('Approve', 'Approval', 'Manual', {})] },
      ]);
      const executionId = await probes.create(pipeline);
      await probes.untilAction(name, 'Approve', 'Approve', (a) => a.latestExecution?.status === 'InProgress', 20_000);
      const commitPage = `${url}/console/repositories/links-repo/commit/${commitId}`;
      expect(await state(name, 'Source', 'Source')).toMatchObject({
        entityUrl: `${url}/console/repositories/links-repo/browse/main`,
        revisionUrl: commitPage,
        latestExecution: { externalExecutionId: commitId, externalExecutionUrl: commitPage },
      });
      const cli = await aws(url, ['codepipeline', 'get-pipeline-state', '--name', name]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.json.stageStates[0].actionStates[0]).toMatchObject({ entityUrl: `${url}/console/repositories/links-repo/browse/main`, revisionUrl: commitPage });
      // The execution's revisions carry the same link.
      const { pipelineExecution } = await handle.env.codepipeline().send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: executionId }));
      expect(pipelineExecution?.artifactRevisions).toEqual([expect.objectContaining({ name: 'Code', revisionId: commitId, revisionUrl: commitPage })]);
      const { pipelineExecutionSummaries } = await handle.env.codepipeline().send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      expect(pipelineExecutionSummaries?.[0].sourceRevisions).toEqual([expect.objectContaining({ actionName: 'Source', revisionId: commitId, revisionUrl: commitPage })]);
      const page = await fetch(commitPage);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
    });
  });
});
