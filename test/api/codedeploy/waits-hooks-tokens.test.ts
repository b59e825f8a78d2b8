import {
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeleteGitHubAccountTokenCommand,
  DeleteResourcesByExternalIdCommand,
  ListGitHubAccountTokenNamesCommand,
  PutLifecycleEventHookExecutionStatusCommand,
  SkipWaitTimeForInstanceTerminationCommand,
} from '@aws-sdk/client-codedeploy';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEmulator } from '../../helpers/emulator.js';
import { errorOf } from '../../helpers/errors.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { SERVICE_ROLE } from './service-role.js';
import { putRevision } from './site-revision.js';
import { waitForDeployment } from './wait-for-deployment.js';

// The emulator runs in-place EC2/On-premises deployments only: nothing ever waits for a blue/green reroute or
// termination, and no Lambda/ECS hook awaits a result. These operations answer AWS's refusals for that.
describe('CodeDeploy blue/green waits, Lambda/ECS hook results and GitHub tokens', () => {
  const emulator = useTestEmulator({}, { client: CodeDeployClient });
  let ended: string;

  beforeAll(async () => {
    const { client } = emulator;
    await client.send(new CreateApplicationCommand({ applicationName: 'InPlace' }));
    // A group selecting no instance: the deployment ends Failed (NO_INSTANCES) without Docker.
    await client.send(new CreateDeploymentGroupCommand({ applicationName: 'InPlace', deploymentGroupName: 'Nobody', serviceRoleArn: SERVICE_ROLE, ec2TagFilters: [{ Key: 'Role', Value: 'nobody', Type: 'KEY_AND_VALUE' }] }));
    const revision = putRevision(`${emulator.env.dataDir}/s3`, 'waits', 'app.zip', { 'appspec.yml': 'version: 0.0\nos: linux\n' });
    const { deploymentId } = await client.send(new CreateDeploymentCommand({ applicationName: 'InPlace', deploymentGroupName: 'Nobody', revision }));
    ended = deploymentId!;
    expect((await waitForDeployment(client, ended)).status).toBe('Failed');
  });

  describe('ContinueDeployment and SkipWaitTimeForInstanceTermination', () => {
    it('answer DeploymentAlreadyCompletedException for an ended deployment', async () => {
      const { client } = emulator;
      expect(await errorOf(client.send(new ContinueDeploymentCommand({ deploymentId: ended, deploymentWaitType: 'READY_WAIT' })))).toEqual({
        name: 'DeploymentAlreadyCompletedException',
        message: `The deployment ${ended} is already complete.`,
        status: 400,
      });
      expect(await errorOf(client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId: ended })))).toMatchObject({ name: 'DeploymentAlreadyCompletedException' });
    });

    it('answer the errors of GetDeployment for a missing, malformed or unknown id', async () => {
      const { client } = emulator;
      expect(await errorOf(client.send(new ContinueDeploymentCommand({})))).toMatchObject({ name: 'DeploymentIdRequiredException', status: 400 });
      expect(await errorOf(client.send(new SkipWaitTimeForInstanceTerminationCommand({})))).toMatchObject({ name: 'DeploymentIdRequiredException' });
      expect(await errorOf(client.send(new ContinueDeploymentCommand({ deploymentId: 'not-an-id' })))).toMatchObject({ name: 'InvalidDeploymentIdException' });
      expect(await errorOf(client.send(new ContinueDeploymentCommand({ deploymentId: 'd-ABCDEFGH1' })))).toMatchObject({ name: 'DeploymentDoesNotExistException' });
      expect(await errorOf(client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId: 'd-ABCDEFGH1' })))).toMatchObject({ name: 'DeploymentDoesNotExistException' });
    });

    it('refuse a wait type outside the model enum', async () => {
      const error = await errorOf(emulator.client.send(new ContinueDeploymentCommand({ deploymentId: ended, deploymentWaitType: 'SOON' as never })));
      expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
    });
  });

  describe('PutLifecycleEventHookExecutionStatus', () => {
    it('refuses an EC2/On-premises deployment, which has no Lambda or ECS hooks, with UnsupportedActionForDeploymentTypeException', async () => {
      const put = (input: object) => errorOf(emulator.client.send(new PutLifecycleEventHookExecutionStatusCommand({ deploymentId: ended, lifecycleEventHookExecutionId: 'hook-1', ...input })));
      expect(await put({ status: 'Succeeded' })).toMatchObject({ name: 'UnsupportedActionForDeploymentTypeException', status: 400 });
      expect(await put({ status: 'InProgress' })).toMatchObject({ name: 'InvalidLifecycleEventHookExecutionStatusException' });
      expect(await put({ deploymentId: undefined, status: 'Failed' })).toMatchObject({ name: 'DeploymentIdRequiredException' });
      expect(await put({ deploymentId: 'd-ABCDEFGH1', status: 'Failed' })).toMatchObject({ name: 'DeploymentDoesNotExistException' });
    });
  });

  describe('DeleteResourcesByExternalId', () => {
    it('answers an empty result, as there are no CloudFormation blue/green resources to delete', async () => {
      const out = await emulator.client.send(new DeleteResourcesByExternalIdCommand({ externalId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1' }));
      expect(out.$metadata.httpStatusCode).toBe(200);
    });
  });

  describe('the GitHub account token operations', () => {
    it('list no token and answer GitHubAccountTokenDoesNotExistException for any name', async () => {
      const { client } = emulator;
      expect((await client.send(new ListGitHubAccountTokenNamesCommand({}))).tokenNameList).toEqual([]);
      expect(await errorOf(client.send(new ListGitHubAccountTokenNamesCommand({ nextToken: 'abc' })))).toMatchObject({ name: 'InvalidNextTokenException' });
      expect(await errorOf(client.send(new DeleteGitHubAccountTokenCommand({ tokenName: 'my-github' })))).toMatchObject({ name: 'GitHubAccountTokenDoesNotExistException', status: 400 });
      expect(await errorOf(client.send(new DeleteGitHubAccountTokenCommand({})))).toMatchObject({ name: 'GitHubAccountTokenNameRequiredException' });
    });
  });

  describe('through the AWS CLI', () => {
    it('answers list-git-hub-account-token-names, delete-git-hub-account-token and continue-deployment', async () => {
      const { url } = emulator.env;
      const list = await aws(url, ['deploy', 'list-git-hub-account-token-names']);
      expect(list, list.stderr).toMatchObject({ code: 0, json: { tokenNameList: [] } });
      const del = await aws(url, ['deploy', 'delete-git-hub-account-token', '--token-name', 'my-github']);
      expect(del.code).not.toBe(0);
      expect(del.stderr).toContain('GitHubAccountTokenDoesNotExistException');
      const cont = await aws(url, ['deploy', 'continue-deployment', '--deployment-id', ended, '--deployment-wait-type', 'READY_WAIT']);
      expect(cont.code).not.toBe(0);
      expect(cont.stderr).toContain('DeploymentAlreadyCompletedException');
    });
  });
});
