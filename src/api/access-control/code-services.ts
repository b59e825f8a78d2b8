import { formatArn } from '../../shared/index.js';
import { str, strings, struct, type CallInput, type CallScope } from './call-scope.js';

// The resource ARNs of CodePipeline, CodeBuild, CodeDeploy and CodeCommit operations, as the Service Authorization
// Reference names their resource types. An operation that names no resource (List*, job-worker calls) is
// authorised on `*`, as AWS does for actions without resource-level permissions.

const arnOf = (service: string, scope: CallScope, resource: string) => formatArn({ service, region: scope.region, account: scope.account, resource });
const given = (nameOrArn: string, make: (name: string) => string) => (nameOrArn.startsWith('arn:') ? nameOrArn : make(nameOrArn));
const or = (list: string[]) => (list.length > 0 ? list : ['*']);

/** CodePipeline: pipelines, their stages and actions, webhooks, action types. */
export function codePipelineResources(operation: string, input: CallInput, scope: CallScope): string[] {
  const pipeline = (path: string) => arnOf('codepipeline', scope, path);
  const resourceArn = str(input, 'resourceArn');
  if (resourceArn) return [resourceArn];
  const pipelineName = str(input, 'pipelineName');
  if (operation === 'PutApprovalResult' || operation === 'PutActionRevision') return [pipeline(`${pipelineName}/${str(input, 'stageName')}/${str(input, 'actionName')}`)];
  if (operation === 'DisableStageTransition' || operation === 'EnableStageTransition') return [pipeline(`${pipelineName}/${str(input, 'stageName')}`)];
  if (operation === 'PutWebhook') return [pipeline(`webhook:${str(struct(input, 'webhook'), 'name')}`)];
  if (operation === 'DeleteWebhook') return [pipeline(`webhook:${str(input, 'name')}`)];
  if (operation === 'RegisterWebhookWithThirdParty' || operation === 'DeregisterWebhookWithThirdParty') return [pipeline(`webhook:${str(input, 'webhookName') ?? '*'}`)];
  const type = struct(input, 'actionTypeId') ?? (str(input, 'category') ? input : undefined);
  if (type && !pipelineName) return [pipeline(`actiontype:${str(type, 'owner') ?? 'Custom'}/${str(type, 'category')}/${str(type, 'provider')}/${str(type, 'version')}`)];
  const name = str(struct(input, 'pipeline'), 'name') ?? pipelineName ?? str(input, 'name');
  return [name ? pipeline(name) : '*'];
}

/** CodeBuild: projects (builds and sandboxes are named `<project>:<id>` and count as their project), report groups and fleets. */
export function codeBuildResources(operation: string, input: CallInput, scope: CallScope): string[] {
  const project = (name: string) => given(name, (n) => arnOf('codebuild', scope, `project/${n}`));
  const ofBuild = (id: string) => (id.startsWith('arn:') ? id.replace(/:(?:build|sandbox)\/([^:]+):.*$/, ':project/$1') : project(id.split(':')[0]));
  // A policy's or a visibility's resource is the ARN given; a fleet is named by its ARN, or by `fleet/<name>` before it has one.
  const named = str(input, 'resourceArn') ?? str(input, 'projectArn');
  if (named) return [named];
  if (operation.includes('Fleet')) return or([...strings(input, 'names'), ...[str(input, 'arn') ?? str(input, 'name')].flatMap((n) => n ?? [])].map((n) => given(n, (x) => arnOf('codebuild', scope, `fleet/${x}`))));
  const sandbox = str(input, 'sandboxId');
  if (sandbox) return [ofBuild(sandbox)];
  if (operation.includes('ReportGroup')) return or([...strings(input, 'reportGroupArns'), ...[str(input, 'arn')].flatMap((a) => a ?? []), ...[str(input, 'name')].flatMap((n) => (n ? [given(n, (x) => arnOf('codebuild', scope, `report-group/${x}`))] : []))]);
  const names = [...strings(input, 'names'), ...[str(input, 'projectName') ?? (operation.endsWith('Project') ? str(input, 'name') : undefined)].flatMap((n) => n ?? [])];
  const builds = [...strings(input, 'ids'), ...[str(input, 'id')].flatMap((i) => i ?? [])];
  return or([...new Set([...names.map(project), ...builds.map(ofBuild)])]);
}

/** CodeDeploy: applications, deployment groups and deployment configurations. */
export function codeDeployResources(_operation: string, input: CallInput, scope: CallScope): string[] {
  const arn = (resource: string) => arnOf('codedeploy', scope, resource);
  const resourceArn = str(input, 'resourceArn') ?? str(input, 'ResourceArn');
  if (resourceArn) return [resourceArn];
  const app = str(input, 'applicationName');
  const groups = [...strings(input, 'deploymentGroupNames'), ...[str(input, 'deploymentGroupName') ?? str(input, 'currentDeploymentGroupName')].flatMap((g) => g ?? [])];
  if (app && groups.length > 0) return groups.map((g) => arn(`deploymentgroup:${app}/${g}`));
  if (app) return [arn(`application:${app}`)];
  const apps = strings(input, 'applicationNames');
  if (apps.length > 0) return apps.map((a) => arn(`application:${a}`));
  const config = str(input, 'deploymentConfigName');
  return [config ? arn(`deploymentconfig:${config}`) : '*'];
}

/** CodeCommit: repositories. */
export function codeCommitResources(_operation: string, input: CallInput, scope: CallScope): string[] {
  const resourceArn = str(input, 'resourceArn');
  if (resourceArn) return [resourceArn];
  const repos = [...strings(input, 'repositoryNames'), ...[str(input, 'repositoryName') ?? str(input, 'oldName')].flatMap((r) => r ?? [])];
  return or(repos.map((r) => arnOf('codecommit', scope, r)));
}
