import { GetDeploymentCommand, type CodeDeployClient, type DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { waitFor } from '../../helpers/wait.js';

const ENDED = ['Succeeded', 'Failed', 'Stopped'];

/** Polls GetDeployment until the deployment has ended, and returns its DeploymentInfo. */
export async function waitForDeployment(client: CodeDeployClient, deploymentId: string): Promise<DeploymentInfo> {
  const out = await waitFor(() => client.send(new GetDeploymentCommand({ deploymentId })), { timeoutMs: 90_000, intervalMs: 100, description: `deployment ${deploymentId}` }, (o) =>
    ENDED.includes(o.deploymentInfo?.status ?? ''),
  );
  return out.deploymentInfo!;
}
