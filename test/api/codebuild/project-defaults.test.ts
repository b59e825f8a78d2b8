import { BatchGetProjectsCommand, CodeBuildClient, CreateProjectCommand, UpdateProjectCommand } from '@aws-sdk/client-codebuild';
import { BatchGetDeploymentGroupsCommand, CodeDeployClient, CreateApplicationCommand, CreateDeploymentGroupCommand, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { SERVICE_ROLE } from '../codedeploy/service-role.js';

const ENVIRONMENT = { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' } as const;
const ROLE = 'arn:aws:iam::000000000000:role/cb';

describe('the defaults AWS fills in', () => {
  const emulator = useTestEmulator({}, { client: CodeBuildClient });

  describe('CodeBuild projects', () => {
    it('shows S3 artifacts with the project name, NONE namespace and packaging, and a source with insecureSsl, as AWS\'s example does', async () => {
      const name = uniqueName('defaults');
      const { project } = await emulator.client.send(
        new CreateProjectCommand({ name, source: { type: 'S3', location: 'input-bucket/source.zip' }, artifacts: { type: 'S3', location: 'output-bucket' }, environment: ENVIRONMENT, serviceRole: ROLE }),
      );
      expect(project!.artifacts).toEqual({ type: 'S3', location: 'output-bucket', name, namespaceType: 'NONE', packaging: 'NONE', encryptionDisabled: false });
      expect(project!.source).toEqual({ type: 'S3', location: 'input-bucket/source.zip', insecureSsl: false });
      const cli = await aws(emulator.env.url, ['codebuild', 'batch-get-projects', '--names', name]);
      expect(cli.json.projects[0].artifacts).toEqual({ type: 'S3', location: 'output-bucket', name, namespaceType: 'NONE', packaging: 'NONE', encryptionDisabled: false });
      expect(cli.json.projects[0].source).toEqual({ type: 'S3', location: 'input-bucket/source.zip', insecureSsl: false });
    });

    it('keeps what was given, fills reportBuildStatus for providers that report status, and leaves NO_ARTIFACTS bare', async () => {
      const name = uniqueName('defaults');
      await emulator.client.send(
        new CreateProjectCommand({
          name,
          source: { type: 'GITHUB', location: 'https://github.com/example/app.git', insecureSsl: true },
          artifacts: { type: 'S3', location: 'output-bucket', name: 'app.zip', packaging: 'ZIP', namespaceType: 'BUILD_ID' },
          environment: ENVIRONMENT,
          serviceRole: ROLE,
        }),
      );
      const [shown] = (await emulator.client.send(new BatchGetProjectsCommand({ names: [name] }))).projects!;
      expect(shown.source).toEqual({ type: 'GITHUB', location: 'https://github.com/example/app.git', insecureSsl: true, reportBuildStatus: false });
      expect(shown.artifacts).toMatchObject({ name: 'app.zip', packaging: 'ZIP', namespaceType: 'BUILD_ID', encryptionDisabled: false });
      const { project } = await emulator.client.send(new UpdateProjectCommand({ name, source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases: {build: {commands: [echo]}}\n' }, artifacts: { type: 'NO_ARTIFACTS' } }));
      expect(project!.artifacts).toEqual({ type: 'NO_ARTIFACTS' });
      expect(project!.source).toMatchObject({ type: 'NO_SOURCE', insecureSsl: false });
      expect(project!.source).not.toHaveProperty('reportBuildStatus');
    });

    it('names CODEPIPELINE artifacts after the project, unpackaged and encrypted', async () => {
      const name = uniqueName('defaults');
      const { project } = await emulator.client.send(new CreateProjectCommand({ name, source: { type: 'CODEPIPELINE' }, artifacts: { type: 'CODEPIPELINE' }, environment: ENVIRONMENT, serviceRole: ROLE }));
      expect(project!.artifacts).toEqual({ type: 'CODEPIPELINE', name, packaging: 'NONE', encryptionDisabled: false });
    });
  });

  describe('CodeDeploy deployment groups and deployments', () => {
    it('shows autoRollbackConfiguration, tag sets and an empty errorMessage, through the SDK and the aws CLI', async () => {
      const deploy = emulator.env.client(CodeDeployClient);
      const application = uniqueName('app');
      await deploy.send(new CreateApplicationCommand({ applicationName: application }));
      await deploy.send(new CreateDeploymentGroupCommand({ applicationName: application, deploymentGroupName: 'Fleet', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: [{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' }] }));
      const batch = await deploy.send(new BatchGetDeploymentGroupsCommand({ applicationName: application, deploymentGroupNames: ['Fleet'] }));
      expect(batch.errorMessage).toBe('');
      expect(batch.deploymentGroupsInfo![0]).toMatchObject({ autoRollbackConfiguration: { enabled: false }, ec2TagSet: { ec2TagSetList: [] }, onPremisesTagSet: { onPremisesTagSetList: [] } });
      const cli = await aws(emulator.env.url, ['deploy', 'batch-get-deployment-groups', '--application-name', application, '--deployment-group-names', 'Fleet']);
      expect(cli.json).toMatchObject({ errorMessage: '', deploymentGroupsInfo: [{ autoRollbackConfiguration: { enabled: false }, onPremisesTagSet: { onPremisesTagSetList: [] } }] });
    });

    it('answers DeploymentDoesNotExistException for an unknown well-formed id, InvalidDeploymentIdException for a malformed one', async () => {
      const deploy = emulator.env.client(CodeDeployClient);
      expect((await errorOf(deploy.send(new GetDeploymentCommand({ deploymentId: 'd-A1B2C3123' })))).name).toBe('DeploymentDoesNotExistException');
      expect((await errorOf(deploy.send(new GetDeploymentCommand({ deploymentId: 'nope' })))).name).toBe('InvalidDeploymentIdException');
      const cli = await aws(emulator.env.url, ['deploy', 'get-deployment', '--deployment-id', 'd-USUAELQEX']);
      expect(cli.stderr).toContain('DeploymentDoesNotExistException');
    });
  });
});
