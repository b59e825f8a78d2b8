import {
  BatchGetDeploymentTargetsCommand,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  type CodeDeployClient,
  type DeploymentInfo,
  type LifecycleEvent,
} from '@aws-sdk/client-codedeploy';
import { SERVICE_ROLE } from '../api/codedeploy/service-role.js';
import { putRevision, siteFiles } from '../api/codedeploy/site-revision.js';
import { waitForDeployment } from '../api/codedeploy/wait-for-deployment.js';

/** The deployment group every executor instance test deploys through: "Both", of the instances tagged Role=`role`. */
export async function createTaggedGroup(client: CodeDeployClient, applicationName: string, role: string): Promise<void> {
  await client.send(new CreateApplicationCommand({ applicationName }));
  await client.send(new CreateDeploymentGroupCommand({
    applicationName,
    deploymentGroupName: 'Both',
    serviceRoleArn: SERVICE_ROLE,
    onPremisesInstanceTagFilters: [{ Key: 'Role', Value: role, Type: 'KEY_AND_VALUE' }],
  }));
}

/** Deploys a one-page site (its text in an h1) to the group "Both" all at once, and returns how it ended with each instance's lifecycle events. */
export async function deploySite(
  client: CodeDeployClient,
  at: { dataDir: string; applicationName: string; instances: string[] },
  key: string,
  text: string,
): Promise<{ info: DeploymentInfo; events: Record<string, LifecycleEvent[]>; explain: string }> {
  const revision = putRevision(`${at.dataDir}/s3`, 'releases', key, siteFiles({ text }));
  const { deploymentId } = await client.send(new CreateDeploymentCommand({ applicationName: at.applicationName, deploymentGroupName: 'Both', revision, deploymentConfigName: 'CodeDeployDefault.AllAtOnce' }));
  const info = await waitForDeployment(client, deploymentId!);
  const { deploymentTargets = [] } = await client.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: at.instances }));
  const events = Object.fromEntries(deploymentTargets.map((t) => [t.instanceTarget!.targetId!, t.instanceTarget!.lifecycleEvents ?? []])) as Record<string, LifecycleEvent[]>;
  return { info, events, explain: JSON.stringify({ info, events }) };
}
