import { buildServiceRoleArn } from '../lib/arns.js';
import { allPages, callAws } from './aws.js';

/** One phase of a build as BatchGetBuilds shows it. */
export interface BuildPhase {
  phaseType: string;
  phaseStatus?: string;
  startTime?: number;
  endTime?: number;
  durationInSeconds?: number;
  contexts?: { statusCode?: string; message?: string }[];
}

/** A build as BatchGetBuilds shows it (the members the console reads). */
export interface Build {
  id: string;
  buildNumber?: number;
  projectName?: string;
  startTime?: number;
  endTime?: number;
  currentPhase?: string;
  buildStatus?: string;
  buildComplete?: boolean;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  initiator?: string;
  phases?: BuildPhase[];
  environment?: { image?: string; computeType?: string; type?: string };
  logs?: { groupName?: string; streamName?: string; deepLink?: string };
  reportArns?: string[];
}

const cb = <T>(operation: string, input: object = {}, signal?: AbortSignal) => callAws<T>('codebuild', operation, input, signal);

/** BatchGetBuilds for one build id; undefined when the build is not found. */
export async function getBuild(id: string, signal?: AbortSignal): Promise<Build | undefined> {
  const out = await cb<{ builds?: Build[] }>('BatchGetBuilds', { ids: [id] }, signal);
  return out.builds?.[0];
}

/** ListProjects: every project name, all pages. */
export function listProjects(): Promise<string[]> {
  return allPages<string>('codebuild', 'ListProjects', { sortBy: 'NAME', sortOrder: 'ASCENDING' }, 'projects');
}

/** What the wizard asks for when it creates a project for the pipeline's build stage. */
export interface NewProject {
  name: string;
  image: string;
  buildspec: string;
  account: string;
}

/** CreateProject for a pipeline: source and artifacts come from CodePipeline, the buildspec is inline. */
export function createPipelineProject(p: NewProject) {
  return cb<{ project: { name: string } }>('CreateProject', {
    name: p.name,
    source: { type: 'CODEPIPELINE', buildspec: p.buildspec },
    artifacts: { type: 'CODEPIPELINE' },
    environment: { type: 'LINUX_CONTAINER', image: p.image, computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: buildServiceRoleArn(p.account, p.name),
  });
}
