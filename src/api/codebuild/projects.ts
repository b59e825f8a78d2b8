import type {
  BatchGetProjectsInput,
  BatchGetProjectsOutput,
  CreateProjectInput,
  CreateProjectOutput,
  DeleteProjectInput,
  DeleteProjectOutput,
  ListProjectsInput,
  ListProjectsOutput,
  Project,
  UpdateProjectInput,
  UpdateProjectOutput,
} from '@aws-sdk/client-codebuild';
import { projectArn } from '../../codebuild/index.js';
import type { ProjectRecord } from '../../store/index.js';
import { pageByOffset, type RequestContext, type HandlerInput, type HandlerOutput } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { AccountLimitExceededException, InvalidInputException, ResourceAlreadyExistsException, ResourceNotFoundException } from './errors.js';
import { assertFleetExists } from './fleet-input.js';
import { assertValidProject, newProject, projectNameOf, updatedProject } from './project-input.js';
import { projectView } from './views.js';

/** The InvalidInputException for a nextToken this server did not issue (wording inferred). */
export function invalidNextToken(): Error {
  return new InvalidInputException('Invalid next token');
}

/** Finds a project of the caller's scope, or throws ResourceNotFoundException as StartBuild does. */
export function requireProject(deps: CodeBuildDeps, ctx: RequestContext, name: string): ProjectRecord {
  const record = deps.store.getProject(ctx, name);
  if (!record) throw new ResourceNotFoundException(`Project cannot be found: ${projectArn(ctx, name)}`);
  return record;
}

/** CreateProject: validates, fills in AWS's defaults and stores the project. */
export function createProject(deps: CodeBuildDeps, input: HandlerInput<CreateProjectInput>, ctx: RequestContext): HandlerOutput<CreateProjectOutput> {
  const project = newProject(ctx, input);
  assertValidProject(project);
  assertFleetExists(deps, ctx, project.environment);
  if (deps.store.getProject(ctx, input.name)) throw new ResourceAlreadyExistsException(`Project already exists: ${projectArn(ctx, input.name)}`);
  if (deps.store.countProjects(ctx) >= limits.projectsPerRegion) {
    throw new AccountLimitExceededException(`Cannot have more than ${limits.projectsPerRegion} projects in the account`); // wording inferred
  }
  if (!deps.store.createProject(ctx, project, deps.clock.now())) throw new ResourceAlreadyExistsException(`Project already exists: ${projectArn(ctx, input.name)}`);
  return { project: projectView(deps.store.getProject(ctx, input.name)!) };
}

/** UpdateProject: replaces the members given and keeps the rest. */
export function updateProject(deps: CodeBuildDeps, input: HandlerInput<UpdateProjectInput>, ctx: RequestContext): HandlerOutput<UpdateProjectOutput> {
  const name = projectNameOf(input.name);
  const record = deps.store.getProject(ctx, name);
  if (!record) throw new ResourceNotFoundException(`Project cannot be found: ${projectArn(ctx, name)}`);
  const project = updatedProject(record.project, { ...input, name });
  assertValidProject(project);
  if (input.environment) assertFleetExists(deps, ctx, project.environment);
  if (!deps.store.updateProject(ctx, project, deps.clock.now())) throw new ResourceNotFoundException(`Project cannot be found: ${projectArn(ctx, name)}`);
  return { project: projectView(deps.store.getProject(ctx, name)!) };
}

/** DeleteProject: removes the project (a missing one is not an error); its builds stay listed. */
export function deleteProject(deps: CodeBuildDeps, input: HandlerInput<DeleteProjectInput>, ctx: RequestContext): HandlerOutput<DeleteProjectOutput> {
  const name = projectNameOf(input.name);
  deps.store.deleteProject(ctx, name);
  // Its resource policy goes with it: a project made again under the name starts unshared.
  deps.fleets.deletePolicy(projectArn(ctx, name));
  return {};
}

/** BatchGetProjects: projects by name or ARN, and the names not found, as given. */
export function batchGetProjects(deps: CodeBuildDeps, input: HandlerInput<BatchGetProjectsInput>, ctx: RequestContext): HandlerOutput<BatchGetProjectsOutput> {
  const projects: HandlerOutput<Project>[] = [];
  const projectsNotFound: string[] = [];
  for (const name of input.names) {
    const record = deps.store.getProject(ctx, projectNameOf(name));
    if (record) projects.push(projectView(record));
    else projectsNotFound.push(name);
  }
  return { projects, projectsNotFound };
}

const SORT_KEYS = {
  NAME: (r: ProjectRecord) => r.project.name,
  CREATED_TIME: (r: ProjectRecord) => r.createdMs,
  LAST_MODIFIED_TIME: (r: ProjectRecord) => r.modifiedMs,
} as const;

/** ListProjects: project names sorted by name, creation or modification time, 100 a page. */
export function listProjects(deps: CodeBuildDeps, input: HandlerInput<ListProjectsInput>, ctx: RequestContext): HandlerOutput<ListProjectsOutput> {
  const key = SORT_KEYS[input.sortBy ?? 'NAME'];
  const sign = input.sortOrder === 'DESCENDING' ? -1 : 1;
  const sorted = deps.store.listProjects(ctx).sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return sign * (x < y ? -1 : x > y ? 1 : a.project.name < b.project.name ? -1 : 1);
  });
  const page = pageByOffset(sorted, input.nextToken, limits.pageSize, invalidNextToken);
  return { projects: page.items.map((r) => r.project.name), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
