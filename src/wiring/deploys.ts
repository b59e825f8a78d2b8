import { join } from 'node:path';
import { codeDeployService, deploymentGroupView, deploymentInfo, deploymentTargetView } from '../api/codedeploy/index.js';
import { ApplicationRevisions, DeploymentService, type InstanceDirectory, type InstanceRegistry, type LambdaTraffic } from '../codedeploy/index.js';
import { codeDeployProvider, s3DeployProvider } from '../providers/deploy/index.js';
import { CodeDeployDeploymentStore, CodeDeployRevisionStore, CodeDeployStore, TagStore } from '../store/index.js';
import type { DeploymentChanges } from '../events/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';
import { instancesOf, onPremisesHandlers } from './instances.js';
import { pageScope, type PageScopeQuery } from './page-scope.js';

/** The path of a deployment's JSON page on the emulator (its externalExecutionUrl in pipelines). */
export const DEPLOYMENT_PAGE = '/codedeploy/deployments/:deploymentId';

/** The path of a deployment group's JSON page on the emulator (the entityUrl of a pipeline's CodeDeploy action). */
export const DEPLOYMENT_GROUP_PAGE = '/codedeploy/applications/:applicationName/deployment-groups/:deploymentGroupName';

/** The deployable instances of a scope: the registered ones whose container runs, as the agent reaches them. */
function instanceDirectory(registry: InstanceRegistry): InstanceDirectory {
  return {
    registered: (scope) =>
      registry.localInstances(scope).map((i) => ({ instanceName: i.instanceName, instanceArn: i.instanceArn, tags: i.tags, container: i.target.container })),
  };
}

/** Builds the deploys feature: the CodeDeploy API, deployments (to instances, and to Lambda aliases through `lambda`) with their configs and rollbacks, and the deploy actions. */
export function deploysFeature(ctx: FeatureContext, lambda?: LambdaTraffic): FeatureModule & { deploymentChanges: DeploymentChanges } {
  const store = new CodeDeployStore(ctx.db);
  const deploymentStore = new CodeDeployDeploymentStore(ctx.db);
  const artifactsDir = join(ctx.config.dataDir, 'artifacts');
  const instances = instancesOf(ctx);
  const revisions = new ApplicationRevisions({ store: new CodeDeployRevisionStore(ctx.db), clock: ctx.clock });
  const deployments = new DeploymentService({
    store,
    deployments: deploymentStore,
    instances: instanceDirectory(instances.registry),
    deployToInstance: instances.agent,
    sources: { s3: ctx.s3, artifactsDir },
    revisions,
    bundlesDir: join(ctx.config.dataDir, 'codedeploy', 'bundles'),
    clock: ctx.clock,
    log: ctx.log,
    ...(lambda ? { lambda: { traffic: lambda, timers: ctx.timers } } : {}),
  });
  // Before the server listens, so no client sees a deployment a previous run left half-done.
  const interrupted = deployments.recover();
  if (interrupted.length) ctx.log.warn({ deployments: interrupted }, 'deployments interrupted by the last shutdown were marked Failed');
  deployments.events.on('deployment:ended', (d) => {
    ctx.log.info({ deploymentId: d.deploymentId, status: d.status, errorCode: d.errorInformation?.code }, `deployment ${d.deploymentId} ${d.status}`);
  });
  const api = { store, deploymentStore, deployments, revisions, tags: new TagStore(ctx.db), clock: ctx.clock, ids: ctx.ids };
  const deploymentUrl = (id: string) => `${ctx.baseUrl()}${DEPLOYMENT_PAGE.replace(':deploymentId', id)}`;
  return {
    deploymentChanges: deployments.events,
    services: [codeDeployService(api, onPremisesHandlers(ctx))],
    providers: [codeDeployProvider({ deployments, artifactsDir, deploymentUrl }), s3DeployProvider({ s3: ctx.s3 })],
    routes(app) {
      // A deployment and its instances as JSON: what a person following a pipeline's link wants to see.
      app.get<{ Params: { deploymentId: string } }>(DEPLOYMENT_PAGE, async (request, reply) => {
        const deployment = deploymentStore.get(request.params.deploymentId);
        if (!deployment) return reply.code(404).send({ message: `No deployment ${request.params.deploymentId}` });
        const targets = deploymentStore.targets(deployment.deploymentId);
        return { deploymentInfo: deploymentInfo(deployment, targets), deploymentTargets: targets.map(deploymentTargetView) };
      });
      app.get<{ Params: { applicationName: string; deploymentGroupName: string }; Querystring: PageScopeQuery }>(DEPLOYMENT_GROUP_PAGE, async (request, reply) => {
        const { applicationName, deploymentGroupName } = request.params;
        const group = store.getDeploymentGroup(pageScope(ctx, request.query), applicationName, deploymentGroupName);
        if (!group) return reply.code(404).send({ message: `No deployment group ${deploymentGroupName} of application ${applicationName}` });
        return { deploymentGroupInfo: deploymentGroupView(api, group) };
      });
    },
    close: () => deployments.close(),
  };
}
