import { randomBytes } from 'node:crypto';
import type {
  CreateWebhookInput,
  CreateWebhookOutput,
  DeleteWebhookInput,
  DeleteWebhookOutput,
  UpdateWebhookInput,
  UpdateWebhookOutput,
  Webhook,
} from '@aws-sdk/client-codebuild';
import { codeCommitRepositoryName, WEBHOOK_EVENTS, type WebhookFilterRecord, type WebhookRecord } from '../../codebuild/index.js';
import { toEpochSeconds } from '../../shared/index.js';
import type { CodeBuildProject } from '../../store/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceAlreadyExistsException, ResourceNotFoundException } from './errors.js';
import { requireProject } from './projects.js';
import { webhookView } from './views.js';

// Source types whose webhooks AWS creates in the provider; here they get the API only (no provider to deliver from).
const PROVIDER_SOURCES = ['GITHUB', 'GITHUB_ENTERPRISE', 'BITBUCKET', 'GITLAB', 'GITLAB_SELF_MANAGED'];
const FILTER_TYPES = ['EVENT', 'BASE_REF', 'HEAD_REF', 'ACTOR_ACCOUNT_ID', 'FILE_PATH', 'COMMIT_MESSAGE', 'WORKFLOW_NAME', 'TAG_NAME', 'RELEASE_NAME', 'REPOSITORY_NAME', 'ORGANIZATION_NAME'];
const BUILD_TYPES = ['BUILD', 'BUILD_BATCH', 'RUNNER_BUILDKITE_BUILD'];

function webhookOf(project: CodeBuildProject): WebhookRecord | undefined {
  return project.webhook as WebhookRecord | undefined;
}

function assertValidFilterGroups(groups: WebhookFilterRecord[][] | undefined): void {
  for (const group of groups ?? []) {
    // wording inferred for each of these refusals
    if (group.length === 0) throw new InvalidInputException('Invalid filter group: a filter group must contain at least one filter');
    const events = group.filter((f) => f.type === 'EVENT');
    if (events.length !== 1) throw new InvalidInputException('Invalid filter group: each filter group must contain exactly one EVENT filter');
    for (const filter of group) {
      if (!FILTER_TYPES.includes(filter.type)) throw new InvalidInputException(`Invalid filter type: ${filter.type}`);
      if (!filter.pattern) throw new InvalidInputException(`Invalid filter: the pattern of the ${filter.type} filter must not be empty`);
      if (filter.type === 'EVENT') {
        const unknown = filter.pattern.split(',').map((e) => e.trim()).filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
        if (unknown.length) throw new InvalidInputException(`Invalid EVENT filter pattern: ${unknown.join(', ')} (valid events: ${WEBHOOK_EVENTS.join(', ')})`);
        continue;
      }
      try {
        new RegExp(filter.pattern);
      } catch {
        throw new InvalidInputException(`Invalid filter pattern for ${filter.type}: ${filter.pattern} is not a valid regular expression`);
      }
    }
  }
}

function assertValidBranchFilter(branchFilter: string | undefined): void {
  if (!branchFilter) return;
  try {
    new RegExp(branchFilter);
  } catch {
    throw new InvalidInputException(`Invalid branch filter: ${branchFilter} is not a valid regular expression`); // wording inferred
  }
}

function assertValidBuildType(buildType: string | undefined): void {
  if (buildType !== undefined && !BUILD_TYPES.includes(buildType)) throw new InvalidInputException(`Invalid build type: ${buildType}`); // wording inferred
}

// A CODECOMMIT source works when it names a repository of the emulator (the only pushes it sees); the third-party
// providers are accepted for their API. NO_SOURCE, S3 and CODEPIPELINE have nothing to hook into.
function assertWebhookSource(deps: CodeBuildDeps, ctx: RequestContext, project: CodeBuildProject): void {
  const { type, location = '' } = project.source;
  if (PROVIDER_SOURCES.includes(type)) return;
  const repository = type === 'CODECOMMIT' ? codeCommitRepositoryName(location) : undefined;
  if (repository && (deps.repositoryExists?.(ctx, repository) ?? true)) return;
  if (repository) throw new InvalidInputException(`Invalid source location: repository ${repository} does not exist in ${ctx.region}`); // wording inferred
  throw new InvalidInputException(`Project source type ${type} does not support webhooks`); // wording inferred (AWS answers InvalidInputException)
}

function providerUrl(project: CodeBuildProject, id: number): string {
  const { type, location = '' } = project.source;
  const path = /^https?:\/\/[^/]+\/(.+?)(?:\.git)?\/?$/.exec(location)?.[1] ?? '';
  if (type === 'GITHUB') return `https://api.github.com/repos/${path}/hooks/${id}`;
  if (type === 'BITBUCKET') return `https://api.bitbucket.org/2.0/repositories/${path}/hooks/${id}`; // inferred
  if (type === 'GITLAB') return `https://gitlab.com/api/v4/projects/${encodeURIComponent(path)}/hooks/${id}`; // inferred
  return location; // CODECOMMIT and self-hosted providers: the repository itself (inferred)
}

function save(deps: CodeBuildDeps, ctx: RequestContext, project: CodeBuildProject, webhook: WebhookRecord | undefined): void {
  const { webhook: _old, ...rest } = project;
  const next: CodeBuildProject = webhook ? { ...rest, webhook } : rest;
  if (!deps.store.updateProject(ctx, next, deps.clock.now())) throw new ResourceNotFoundException(`Project cannot be found: ${project.arn}`);
}

/** CreateWebhook: one webhook per project, on a source that can have one; it returns the secret this once. */
export function createWebhook(deps: CodeBuildDeps, input: HandlerInput<CreateWebhookInput>, ctx: RequestContext): HandlerOutput<CreateWebhookOutput> {
  const { project } = requireProject(deps, ctx, input.projectName);
  if (webhookOf(project)) throw new ResourceAlreadyExistsException(`Webhook already exists for project: ${project.arn}`); // wording inferred
  assertWebhookSource(deps, ctx, project);
  const filterGroups = input.filterGroups as WebhookFilterRecord[][] | undefined;
  assertValidFilterGroups(filterGroups);
  assertValidBranchFilter(input.branchFilter);
  assertValidBuildType(input.buildType);
  const token = randomBytes(24).toString('base64url');
  const webhook: WebhookRecord = {
    url: providerUrl(project, randomBytes(4).readUInt32BE() % 1e9),
    payloadUrl: `https://codebuild.${ctx.region}.amazonaws.com/webhooks?t=${token}&v=1`,
    secret: randomBytes(20).toString('hex'),
    ...(input.branchFilter ? { branchFilter: input.branchFilter } : {}),
    ...(filterGroups ? { filterGroups } : {}),
    buildType: input.buildType ?? 'BUILD',
    ...(input.manualCreation !== undefined ? { manualCreation: input.manualCreation } : {}),
    ...(input.scopeConfiguration ? { scopeConfiguration: input.scopeConfiguration } : {}),
    lastModifiedSecret: toEpochSeconds(deps.clock.now()),
  };
  save(deps, ctx, project, webhook);
  return { webhook: webhook as HandlerOutput<Webhook> };
}

/** UpdateWebhook: replaces the filter groups, branch filter or build type given, and rotates the secret when asked. */
export function updateWebhook(deps: CodeBuildDeps, input: HandlerInput<UpdateWebhookInput>, ctx: RequestContext): HandlerOutput<UpdateWebhookOutput> {
  const { project } = requireProject(deps, ctx, input.projectName);
  const current = webhookOf(project);
  if (!current) throw new ResourceNotFoundException(`Webhook does not exist for project: ${project.arn}`); // wording inferred
  const filterGroups = input.filterGroups as WebhookFilterRecord[][] | undefined;
  assertValidFilterGroups(filterGroups);
  assertValidBranchFilter(input.branchFilter);
  assertValidBuildType(input.buildType);
  const webhook: WebhookRecord = {
    ...current,
    ...(filterGroups ? { filterGroups } : {}),
    ...(input.branchFilter !== undefined ? { branchFilter: input.branchFilter } : {}),
    ...(input.buildType ? { buildType: input.buildType } : {}),
    ...(input.rotateSecret ? { secret: randomBytes(20).toString('hex'), lastModifiedSecret: toEpochSeconds(deps.clock.now()) } : {}),
  };
  save(deps, ctx, project, webhook);
  // AWS returns the new secret only when it rotated.
  return { webhook: (input.rotateSecret ? webhook : webhookView(webhook)) as HandlerOutput<Webhook> };
}

/** DeleteWebhook: removes the project's webhook; a project without one is ResourceNotFoundException. */
export function deleteWebhook(deps: CodeBuildDeps, input: HandlerInput<DeleteWebhookInput>, ctx: RequestContext): HandlerOutput<DeleteWebhookOutput> {
  const { project } = requireProject(deps, ctx, input.projectName);
  if (!webhookOf(project)) throw new ResourceNotFoundException(`Webhook does not exist for project: ${project.arn}`); // wording inferred
  save(deps, ctx, project, undefined);
  return {};
}
