import type {
  ApplicationInfo,
  BatchGetApplicationsInput,
  BatchGetApplicationsOutput,
  CreateApplicationInput,
  CreateApplicationOutput,
  DeleteApplicationInput,
  GetApplicationInput,
  GetApplicationOutput,
  ListApplicationsInput,
  ListApplicationsOutput,
  UpdateApplicationInput,
} from '@aws-sdk/client-codedeploy';
import { toEpochSeconds } from '../../shared/index.js';
import type { ApplicationRecord, Scope } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput, type NoOutput } from '../protocol/index.js';
import { applicationArn, deploymentGroupArn } from './arns.js';
import { limits, type CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken } from './invalid-next-token.js';
import { checkTags, putResourceTags } from './tags.js';

/** ApplicationInfo as the API shows it. */
export function applicationView(app: ApplicationRecord): HandlerOutput<ApplicationInfo> {
  return {
    applicationId: app.applicationId,
    applicationName: app.applicationName,
    createTime: toEpochSeconds(app.createMs),
    linkedToGitHub: false,
    computePlatform: app.computePlatform,
  };
}

/** An application of the caller, or ApplicationDoesNotExistException with AWS's message. */
export function requireApplication(deps: CodeDeployDeps, scope: Scope, name: string): ApplicationRecord {
  const app = deps.store.getApplication(scope, name);
  if (!app) throw new errors.ApplicationDoesNotExistException(`No application found for name: ${name}`);
  return app;
}

/** CreateApplication: a new application (Server by default) with its tags. */
export function createApplication(
  deps: CodeDeployDeps,
  input: HandlerInput<CreateApplicationInput>,
  ctx: RequestContext,
): HandlerOutput<CreateApplicationOutput> {
  if (deps.store.listApplications(ctx).length >= limits.applicationsPerRegion) {
    throw new errors.ApplicationLimitExceededException('More applications were attempted to be created than are allowed.');
  }
  checkTags(input.tags);
  const app: ApplicationRecord = {
    applicationId: deps.ids.uuid(),
    applicationName: input.applicationName,
    computePlatform: input.computePlatform ?? 'Server',
    createMs: deps.clock.now(),
  };
  if (!deps.store.createApplication(ctx, app)) {
    throw new errors.ApplicationAlreadyExistsException(`An application with the name ${input.applicationName} already exists.`); // wording inferred
  }
  if (input.tags?.length) putResourceTags(deps, applicationArn(ctx, app.applicationName), input.tags, { replace: true });
  return { applicationId: app.applicationId };
}

/** GetApplication. */
export function getApplication(deps: CodeDeployDeps, input: HandlerInput<GetApplicationInput>, ctx: RequestContext): HandlerOutput<GetApplicationOutput> {
  return { application: applicationView(requireApplication(deps, ctx, input.applicationName)) };
}

/** ListApplications: names in name order, 100 per page. */
export function listApplications(deps: CodeDeployDeps, input: HandlerInput<ListApplicationsInput>, ctx: RequestContext): HandlerOutput<ListApplicationsOutput> {
  const names = deps.store.listApplications(ctx).map((a) => a.applicationName);
  const page = pageByOffset(names, input.nextToken, limits.pageSize, invalidNextToken);
  return { applications: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** BatchGetApplications: up to 100 applications, all of which must exist. */
export function batchGetApplications(deps: CodeDeployDeps, input: HandlerInput<BatchGetApplicationsInput>, ctx: RequestContext): HandlerOutput<BatchGetApplicationsOutput> {
  if (input.applicationNames.length > limits.batchNames) throw batchLimit(limits.batchNames);
  return { applicationsInfo: input.applicationNames.map((name) => applicationView(requireApplication(deps, ctx, name))) };
}

/** DeleteApplication: removes the application, its deployment groups and their tags; a missing one is not an error. */
export function deleteApplication(deps: CodeDeployDeps, input: HandlerInput<DeleteApplicationInput>, ctx: RequestContext): NoOutput {
  const groups = deps.store.listDeploymentGroups(ctx, input.applicationName);
  deps.store.deleteApplication(ctx, input.applicationName);
  for (const arn of [applicationArn(ctx, input.applicationName), ...groups.map((g) => deploymentGroupArn(ctx, input.applicationName, g.deploymentGroupName))]) {
    deps.tags.removeAll(arn);
  }
  return {};
}

/**
 * UpdateApplication: renames an application; its deployment groups, registered revisions, deployments and the
 * tags of it and its groups follow the new name.
 */
export function updateApplication(deps: CodeDeployDeps, input: HandlerInput<UpdateApplicationInput>, ctx: RequestContext): NoOutput {
  const { applicationName: name, newApplicationName: newName } = input;
  if (!name || !newName) throw new errors.ApplicationNameRequiredException('The minimum number of required application names was not specified.');
  requireApplication(deps, ctx, name);
  if (deps.store.getApplication(ctx, newName)) {
    throw new errors.ApplicationAlreadyExistsException(`An application with the name ${newName} already exists.`); // wording inferred
  }
  const groups = deps.store.listDeploymentGroups(ctx, name).map((g) => g.deploymentGroupName);
  if (!deps.store.renameApplication(ctx, name, newName)) throw new errors.ApplicationDoesNotExistException(`No application found for name: ${name}`);
  deps.tags.moveAll(applicationArn(ctx, name), applicationArn(ctx, newName));
  for (const group of groups) deps.tags.moveAll(deploymentGroupArn(ctx, name, group), deploymentGroupArn(ctx, newName, group));
  return {};
}

/** BatchLimitExceededException with its documented description. */
export function batchLimit(max: number): Error {
  return new errors.BatchLimitExceededException(`The maximum number of names or IDs allowed for this request (${max}) was exceeded.`);
}
