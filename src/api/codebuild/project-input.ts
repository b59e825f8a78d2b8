import type { CreateProjectInput, UpdateProjectInput } from '@aws-sdk/client-codebuild';
import type { CodeBuildArtifacts, CodeBuildEnvironment, CodeBuildProject, CodeBuildSource, Scope } from '../../store/index.js';
import { projectArn, s3ManagedKeyArn } from '../../codebuild/index.js';
import { hasDotSegment, isBucketName, parseArn, s3PathOf } from '../../shared/index.js';
import { limits } from './deps.js';
import { InvalidInputException } from './errors.js';
import type { HandlerInput } from '../protocol/index.js';

/** UpdateProjectInput as the dispatcher hands it over; CreateProjectInput is the same with more members required. */
export type ProjectInput = HandlerInput<UpdateProjectInput>;

/** The project name in a name or a project ARN, as BatchGetProjects accepts either. */
export function projectNameOf(nameOrArn: string): string {
  const resource = parseArn(nameOrArn, { service: 'codebuild' })?.resource;
  return resource?.startsWith('project/') && resource.length > 'project/'.length ? resource.slice('project/'.length) : nameOrArn;
}

// Types whose location names where the source lives; NO_SOURCE and CODEPIPELINE have none.
const LOCATED_SOURCES = ['CODECOMMIT', 'GITHUB', 'GITLAB', 'GITLAB_SELF_MANAGED', 'S3', 'BITBUCKET', 'GITHUB_ENTERPRISE'];

/**
 * Checks where S3 artifacts would be written: the location must name a bucket (optionally with a prefix), and neither
 * it, `path` nor `name` may hold a `.` or `..` segment, so a build can only write keys of its own bucket.
 * `field` names the member in the message (`artifacts`, `secondaryArtifacts`, `artifactsOverride`); messages inferred.
 */
export function assertValidArtifactsLocation(artifacts: CodeBuildArtifacts | undefined, field: string): void {
  if (artifacts?.type !== 'S3') return;
  const location = s3PathOf(artifacts.location ?? '');
  const [bucket, ...prefix] = location.split('/');
  if (location !== '' && !isBucketName(bucket)) {
    throw new InvalidInputException(`Invalid ${field}: location ${artifacts.location} does not name a valid S3 bucket (3-63 lower-case letters, digits, dots and hyphens)`);
  }
  for (const [member, value] of [['location', prefix.join('/')], ['path', artifacts.path], ['name', artifacts.name]] as const) {
    if (value && hasDotSegment(value)) {
      throw new InvalidInputException(`Invalid ${field}: ${member} ${member === 'location' ? artifacts.location : value} must not contain '.' or '..' path segments`);
    }
  }
}

/** The checks CreateProject and UpdateProject make beyond the model's constraints (messages inferred unless noted). */
export function assertValidProject(project: CodeBuildProject): void {
  const { source, artifacts } = project;
  if (source.type === 'NO_SOURCE' && !source.buildspec?.trim()) {
    throw new InvalidInputException('Invalid source: buildspec must be specified for NO_SOURCE source type');
  }
  if (LOCATED_SOURCES.includes(source.type) && !source.location) throw new InvalidInputException('Project source location is required');
  if ((source.type === 'CODEPIPELINE') !== (artifacts.type === 'CODEPIPELINE')) {
    throw new InvalidInputException('Both source and artifacts type must be set to CODEPIPELINE');
  }
  if (artifacts.type === 'S3' && !artifacts.location) throw new InvalidInputException('Invalid artifacts: artifact location is required for S3 artifacts');
  assertValidArtifactsLocation(artifacts, 'artifacts');
  if (artifacts.type === 'NO_ARTIFACTS' && artifacts.location) {
    throw new InvalidInputException('Invalid artifacts: artifact type NO_ARTIFACTS should have null location');
  }
  for (const secondary of project.secondaryArtifacts ?? []) {
    if (!secondary.artifactIdentifier) throw new InvalidInputException('Invalid secondary artifacts: artifactIdentifier must be specified');
    if (secondary.type === 'CODEPIPELINE') throw new InvalidInputException('Invalid secondary artifacts: type CODEPIPELINE is not supported for secondary artifacts');
    assertValidArtifactsLocation(secondary, 'secondaryArtifacts');
  }
  for (const secondary of project.secondarySources ?? []) {
    if (!secondary.sourceIdentifier) throw new InvalidInputException('Invalid secondary sources: sourceIdentifier must be specified');
  }
  const names = new Set<string>();
  for (const v of project.environment.environmentVariables ?? []) {
    if (names.has(v.name)) throw new InvalidInputException(`Invalid environment variables: duplicate name ${v.name}`);
    names.add(v.name);
  }
}

function withEnvironmentDefaults(env: CodeBuildEnvironment): CodeBuildEnvironment {
  return { ...env, environmentVariables: env.environmentVariables ?? [], privilegedMode: env.privilegedMode ?? false, imagePullCredentialsType: env.imagePullCredentialsType ?? 'CODEBUILD' };
}

/** Builds a new project from CreateProject's input, with the defaults AWS fills in. */
export function newProject(scope: Scope, input: HandlerInput<CreateProjectInput>): CodeBuildProject {
  const { badgeEnabled, ...rest } = input;
  return {
    ...rest,
    name: input.name,
    arn: projectArn(scope, input.name),
    source: input.source!,
    secondarySources: input.secondarySources ?? [],
    secondarySourceVersions: input.secondarySourceVersions ?? [],
    artifacts: input.artifacts!,
    secondaryArtifacts: input.secondaryArtifacts ?? [],
    cache: input.cache ?? { type: 'NO_CACHE' },
    environment: withEnvironmentDefaults(input.environment!),
    serviceRole: input.serviceRole!,
    timeoutInMinutes: input.timeoutInMinutes ?? limits.defaultTimeoutInMinutes,
    queuedTimeoutInMinutes: input.queuedTimeoutInMinutes ?? limits.defaultQueuedTimeoutInMinutes,
    encryptionKey: input.encryptionKey ?? s3ManagedKeyArn(scope),
    tags: input.tags ?? [],
    badge: { badgeEnabled: badgeEnabled ?? false },
    logsConfig: input.logsConfig ?? { cloudWatchLogs: { status: 'ENABLED' }, s3Logs: { status: 'DISABLED', encryptionDisabled: false } },
    projectVisibility: 'PRIVATE',
  };
}

/** Applies UpdateProject's input: every member given replaces the project's, the others stay. */
export function updatedProject(project: CodeBuildProject, input: ProjectInput): CodeBuildProject {
  const { badgeEnabled, name: _name, ...given } = input;
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return {
    ...project,
    ...defined,
    ...(input.environment ? { environment: withEnvironmentDefaults(input.environment) } : {}),
    ...(badgeEnabled !== undefined ? { badge: { badgeEnabled } } : {}),
  };
}
