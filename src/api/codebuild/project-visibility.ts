import type { UpdateProjectVisibilityInput, UpdateProjectVisibilityOutput } from '@aws-sdk/client-codebuild';
import { projectArn } from '../../codebuild/index.js';
import type { CodeBuildProject } from '../../store/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeBuildDeps } from './deps.js';
import { ResourceNotFoundException } from './errors.js';
import { projectNameOf } from './project-input.js';

/**
 * UpdateProjectVisibility: makes a project PUBLIC_READ or PRIVATE and sets its resourceAccessRole. A project made
 * public gets a publicProjectAlias (the identifier of AWS's public build pages; a UUID here, format inferred), kept
 * when it is made private again so a later PUBLIC_READ shows the same one (inferred). Nothing is served publicly.
 */
export function updateProjectVisibility(deps: CodeBuildDeps, input: HandlerInput<UpdateProjectVisibilityInput>, ctx: RequestContext): HandlerOutput<UpdateProjectVisibilityOutput> {
  const name = projectNameOf(input.projectArn);
  const record = deps.store.getProject(ctx, name);
  if (!record) throw new ResourceNotFoundException(`Project cannot be found: ${projectArn(ctx, name)}`);
  const project: CodeBuildProject = { ...record.project, projectVisibility: input.projectVisibility };
  if (input.projectVisibility === 'PUBLIC_READ' && typeof project.publicProjectAlias !== 'string') project.publicProjectAlias = deps.ids.uuid();
  if (input.resourceAccessRole !== undefined) project.resourceAccessRole = input.resourceAccessRole;
  if (!deps.store.updateProject(ctx, project, deps.clock.now())) throw new ResourceNotFoundException(`Project cannot be found: ${projectArn(ctx, name)}`);
  const alias = project.publicProjectAlias as string | undefined;
  return { projectArn: project.arn, projectVisibility: input.projectVisibility, ...(alias ? { publicProjectAlias: alias } : {}) };
}
