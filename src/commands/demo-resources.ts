import type { Config } from '../config.js';
import { formatArn } from '../shared/index.js';
import { FIXTURES, readFixture } from './demo-fixtures.js';
import type { Say } from './demo-steps.js';
import { ApiError, type LocalApiClient } from './local-api.js';

const REGISTER_TIMEOUT_MS = 120_000; // registering starts the instance's container and waits for its Nginx

/** The names of what the demo creates, read from the tutorial's files so the demo and the tutorial cannot drift apart. */
export interface DemoNames {
  repository: string;
  branch: string;
  project: string;
  application: string;
  deploymentGroup: string;
  instance: string;
  instanceTag: { Key: string; Value: string };
  pipeline: string;
}

/** Reads the demo's names from fixtures/tutorial. */
export function demoNames(): DemoNames {
  const { pipeline } = readFixture(FIXTURES.pipeline);
  const source = pipeline.stages[0].actions[0].configuration;
  const group = readFixture(FIXTURES.deploymentGroup);
  const [tag] = group.onPremisesInstanceTagFilters;
  return {
    repository: source.RepositoryName,
    branch: source.BranchName,
    project: readFixture(FIXTURES.buildProject).name,
    application: group.applicationName,
    deploymentGroup: group.deploymentGroupName,
    instance: 'web-1',
    instanceTag: { Key: tag.Key, Value: tag.Value },
    pipeline: pipeline.name,
  };
}

/** Calls a Get operation; undefined when it answers with the given "does not exist" error. */
async function getOrMissing(api: LocalApiClient, operation: string, body: object, missingType: string): Promise<Record<string, any> | undefined> {
  try {
    return await api.require(operation, body);
  } catch (error) {
    if (error instanceof ApiError && error.type === missingType) return undefined;
    throw error;
  }
}

/** Creates the CodeCommit repository unless it exists; returns its clone URL. */
export async function ensureRepository(api: LocalApiClient, names: DemoNames, say: Say): Promise<string> {
  const codecommit = api.forService('codecommit');
  const found = await getOrMissing(codecommit, 'GetRepository', { repositoryName: names.repository }, 'RepositoryDoesNotExistException');
  const metadata =
    found?.repositoryMetadata ??
    (await codecommit.require('CreateRepository', { repositoryName: names.repository, repositoryDescription: 'The sample app of the codepipeline-local demo' })).repositoryMetadata;
  say(`${found ? 'reused' : 'created'} CodeCommit repository ${names.repository}: ${metadata.cloneUrlHttp}`);
  return metadata.cloneUrlHttp;
}

/** Creates the CodeBuild project from fixtures/tutorial/build-project.json unless it exists. */
export async function ensureBuildProject(api: LocalApiClient, names: DemoNames, say: Say): Promise<void> {
  const codebuild = api.forService('codebuild');
  const { projects } = await codebuild.require('BatchGetProjects', { names: [names.project] });
  if (!projects?.length) await codebuild.require('CreateProject', readFixture(FIXTURES.buildProject));
  say(`${projects?.length ? 'reused' : 'created'} CodeBuild project ${names.project}`);
}

/** Creates the CodeDeploy application (compute platform Server) unless it exists. */
export async function ensureApplication(api: LocalApiClient, names: DemoNames, say: Say): Promise<void> {
  const codedeploy = api.forService('codedeploy');
  const found = await getOrMissing(codedeploy, 'GetApplication', { applicationName: names.application }, 'ApplicationDoesNotExistException');
  if (!found) await codedeploy.require('CreateApplication', { applicationName: names.application, computePlatform: 'Server' });
  say(`${found ? 'reused' : 'created'} CodeDeploy application ${names.application}`);
}

/** Registers the instance (an Nginx container) unless it is registered, and tags it so the deployment group selects it. */
export async function ensureInstance(api: LocalApiClient, config: Config, names: DemoNames, say: Say): Promise<void> {
  const codedeploy = api.forService('codedeploy');
  const found = await getOrMissing(codedeploy, 'GetOnPremisesInstance', { instanceName: names.instance }, 'InstanceNotRegisteredException');
  const registered = found && found.instanceInfo.deregisterTime === undefined;
  if (!registered) {
    say(`registering instance ${names.instance} (starts its Nginx container) ...`);
    const iamUserArn = formatArn({ service: 'iam', account: config.account, resource: `user/${names.instance}` });
    await codedeploy.require('RegisterOnPremisesInstance', { instanceName: names.instance, iamUserArn }, { timeoutMs: REGISTER_TIMEOUT_MS });
  }
  const tags: { Key: string; Value: string }[] = registered ? found.instanceInfo.tags ?? [] : [];
  const tagged = tags.some((t) => t.Key === names.instanceTag.Key && t.Value === names.instanceTag.Value);
  if (!tagged) await codedeploy.require('AddTagsToOnPremisesInstances', { instanceNames: [names.instance], tags: [names.instanceTag] });
  say(`${registered ? 'reused' : 'registered'} instance ${names.instance} tagged ${names.instanceTag.Key}=${names.instanceTag.Value}`);
}

/** Creates the deployment group from fixtures/tutorial/deployment-group.json unless it exists. */
export async function ensureDeploymentGroup(api: LocalApiClient, names: DemoNames, say: Say): Promise<void> {
  const codedeploy = api.forService('codedeploy');
  const body = { applicationName: names.application, deploymentGroupName: names.deploymentGroup };
  const found = await getOrMissing(codedeploy, 'GetDeploymentGroup', body, 'DeploymentGroupDoesNotExistException');
  if (!found) await codedeploy.require('CreateDeploymentGroup', readFixture(FIXTURES.deploymentGroup));
  say(`${found ? 'reused' : 'created'} deployment group ${names.application}/${names.deploymentGroup}`);
}

/** True when `actual` has every member of `wanted` with the same value (lists element by element); defaults the server added do not count. */
export function containsDeclaration(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => containsDeclaration(actual[i], w));
  if (wanted && typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(wanted).every(([k, v]) => containsDeclaration((actual as Record<string, unknown>)[k], v));
  }
  return actual === wanted;
}

/** What ensurePipeline did: the pipeline is new (its first execution started), was updated, or was already as the tutorial declares it. */
export type PipelineOutcome = 'created' | 'updated' | 'reused';

/** Creates the V2 pipeline from fixtures/tutorial/pipeline.json, or updates it when it differs from that file. */
export async function ensurePipeline(api: LocalApiClient, names: DemoNames, say: Say): Promise<PipelineOutcome> {
  const { pipeline } = readFixture(FIXTURES.pipeline);
  const found = await getOrMissing(api, 'GetPipeline', { name: names.pipeline }, 'PipelineNotFoundException');
  if (!found) {
    await api.require('CreatePipeline', { pipeline });
    say(`created pipeline ${names.pipeline} (V2, ${pipeline.stages.map((s: { name: string }) => s.name).join(' → ')}); its first execution starts now`);
    return 'created';
  }
  if (containsDeclaration(found.pipeline, pipeline)) {
    say(`reused pipeline ${names.pipeline} (version ${found.pipeline.version})`);
    return 'reused';
  }
  const { pipeline: updated } = await api.require('UpdatePipeline', { pipeline });
  say(`updated pipeline ${names.pipeline} to the tutorial's declaration (version ${updated.version})`);
  return 'updated';
}
