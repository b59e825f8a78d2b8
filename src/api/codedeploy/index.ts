import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import { batchGetApplicationRevisions, getApplicationRevision, listApplicationRevisions, registerApplicationRevision } from './application-revisions.js';
import { batchGetApplications, createApplication, deleteApplication, getApplication, listApplications, updateApplication } from './applications.js';
import { continueDeployment, deleteResourcesByExternalId, putLifecycleEventHookExecutionStatus, skipWaitTimeForInstanceTermination } from './blue-green-operations.js';
import { createDeploymentConfig, deleteDeploymentConfig, getDeploymentConfig, listDeploymentConfigs } from './deployment-configs.js';
import {
  batchGetDeploymentGroups,
  createDeploymentGroup,
  deleteDeploymentGroup,
  getDeploymentGroup,
  listDeploymentGroups,
  updateDeploymentGroup,
} from './deployment-groups.js';
import {
  batchGetDeploymentInstances,
  batchGetDeploymentTargets,
  getDeploymentInstance,
  getDeploymentTarget,
  listDeploymentInstances,
  listDeploymentTargets,
} from './deployment-targets.js';
import { batchGetDeployments, createDeployment, getDeployment, listDeployments, stopDeployment } from './deployments.js';
import type { CodeDeployDeps } from './deps.js';
import { deleteGitHubAccountToken, listGitHubAccountTokenNames } from './github-tokens.js';
import type { CodeDeployHandlers, CodeDeployOperations } from './operations.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';

export type { CodeDeployDeps } from './deps.js';
export type { CodeDeployHandlers, CodeDeployOperations } from './operations.js';
export { deploymentInfo, deploymentTargetView } from './deployment-views.js';
export { deploymentGroupView } from './deployment-groups.js';
export { onPremisesHandlers, type OnPremisesDeps } from './on-premises.js';

/** The CodeDeploy service: its model and the operations implemented, plus the on-premises instance operations given. */
export function codeDeployService(deps: CodeDeployDeps, onPremisesHandlers: CodeDeployHandlers = {}): ServiceDefinition {
  return defineService<CodeDeployOperations>(lazyAwsModel('codedeploy') as LazyModel, {
    ...onPremisesHandlers,
    CreateApplication: (input, ctx) => createApplication(deps, input, ctx),
    GetApplication: (input, ctx) => getApplication(deps, input, ctx),
    ListApplications: (input, ctx) => listApplications(deps, input, ctx),
    BatchGetApplications: (input, ctx) => batchGetApplications(deps, input, ctx),
    DeleteApplication: (input, ctx) => deleteApplication(deps, input, ctx),
    UpdateApplication: (input, ctx) => updateApplication(deps, input, ctx),
    RegisterApplicationRevision: (input, ctx) => registerApplicationRevision(deps, input, ctx),
    GetApplicationRevision: (input, ctx) => getApplicationRevision(deps, input, ctx),
    ListApplicationRevisions: (input, ctx) => listApplicationRevisions(deps, input, ctx),
    BatchGetApplicationRevisions: (input, ctx) => batchGetApplicationRevisions(deps, input, ctx),
    CreateDeploymentGroup: (input, ctx) => createDeploymentGroup(deps, input, ctx),
    GetDeploymentGroup: (input, ctx) => getDeploymentGroup(deps, input, ctx),
    ListDeploymentGroups: (input, ctx) => listDeploymentGroups(deps, input, ctx),
    BatchGetDeploymentGroups: (input, ctx) => batchGetDeploymentGroups(deps, input, ctx),
    UpdateDeploymentGroup: (input, ctx) => updateDeploymentGroup(deps, input, ctx),
    DeleteDeploymentGroup: (input, ctx) => deleteDeploymentGroup(deps, input, ctx),
    CreateDeploymentConfig: (input, ctx) => createDeploymentConfig(deps, input, ctx),
    GetDeploymentConfig: (input, ctx) => getDeploymentConfig(deps, input, ctx),
    ListDeploymentConfigs: (input, ctx) => listDeploymentConfigs(deps, input, ctx),
    DeleteDeploymentConfig: (input, ctx) => deleteDeploymentConfig(deps, input, ctx),
    CreateDeployment: (input, ctx) => createDeployment(deps, input, ctx),
    GetDeployment: (input, ctx) => getDeployment(deps, input, ctx),
    BatchGetDeployments: (input, ctx) => batchGetDeployments(deps, input, ctx),
    ListDeployments: (input, ctx) => listDeployments(deps, input, ctx),
    StopDeployment: (input, ctx) => stopDeployment(deps, input, ctx),
    ContinueDeployment: (input, ctx) => continueDeployment(deps, input, ctx),
    SkipWaitTimeForInstanceTermination: (input, ctx) => skipWaitTimeForInstanceTermination(deps, input, ctx),
    PutLifecycleEventHookExecutionStatus: (input, ctx) => putLifecycleEventHookExecutionStatus(deps, input, ctx),
    DeleteResourcesByExternalId: (input, ctx) => deleteResourcesByExternalId(deps, input, ctx),
    ListGitHubAccountTokenNames: (input) => listGitHubAccountTokenNames(input),
    DeleteGitHubAccountToken: (input) => deleteGitHubAccountToken(input),
    ListDeploymentTargets: (input, ctx) => listDeploymentTargets(deps, input, ctx),
    BatchGetDeploymentTargets: (input, ctx) => batchGetDeploymentTargets(deps, input, ctx),
    GetDeploymentTarget: (input, ctx) => getDeploymentTarget(deps, input, ctx),
    ListDeploymentInstances: (input, ctx) => listDeploymentInstances(deps, input, ctx),
    GetDeploymentInstance: (input, ctx) => getDeploymentInstance(deps, input, ctx),
    BatchGetDeploymentInstances: (input, ctx) => batchGetDeploymentInstances(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
  });
}
