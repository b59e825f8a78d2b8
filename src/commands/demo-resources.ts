import type { CreateProjectCommandInput } from '@aws-sdk/client-codebuild';
import type { CreateDeploymentGroupCommandInput } from '@aws-sdk/client-codedeploy';
import type { Config } from '../config.js';
import { formatArn } from '../shared/index.js';
import { FIXTURES, readFixture } from './demo-fixtures.js';
import type { Say } from './demo-steps.js';
import { awsErrorName, type LocalClients } from './local-clients.js';

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

/** Awaits a Get call; undefined when it fails with the given "does not exist" error. */
async function getOrMissing<T>(call: Promise<T>, missingType: string): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (awsErrorName(error) === missingType) return undefined;
    throw error;
  }
}

/** Creates the CodeCommit repository unless it exists; returns its clone URL. */
export async function ensureRepository(api: LocalClients, names: DemoNames, say: Say): Promise<string> {
  const { sdk, codecommit } = await api.demoServices();
  const found = await getOrMissing(codecommit.send(new sdk.GetRepositoryCommand({ repositoryName: names.repository }), api.options()), 'RepositoryDoesNotExistException');
  const metadata =
    found?.repositoryMetadata ??
    (await codecommit.send(new sdk.CreateRepositoryCommand({ repositoryName: names.repository, repositoryDescription: 'The sample app of the codepipeline-local demo' }), api.options())).repositoryMetadata;
  say(`${found ? 'reused' : 'created'} CodeCommit repository ${names.repository}: ${metadata?.cloneUrlHttp}`);
  return metadata!.cloneUrlHttp!;
}

/** Creates the CodeBuild project from fixtures/tutorial/build-project.json unless it exists. */
export async function ensureBuildProject(api: LocalClients, names: DemoNames, say: Say): Promise<void> {
  const { sdk, codebuild } = await api.demoServices();
  const { projects } = await codebuild.send(new sdk.BatchGetProjectsCommand({ names: [names.project] }), api.options());
  if (!projects?.length) await codebuild.send(new sdk.CreateProjectCommand(readFixture(FIXTURES.buildProject) as CreateProjectCommandInput), api.options());
  say(`${projects?.length ? 'reused' : 'created'} CodeBuild project ${names.project}`);
}

/** Creates the CodeDeploy application (compute platform Server) unless it exists. */
export async function ensureApplication(api: LocalClients, names: DemoNames, say: Say): Promise<void> {
  const { sdk, codedeploy } = await api.demoServices();
  const found = await getOrMissing(codedeploy.send(new sdk.GetApplicationCommand({ applicationName: names.application }), api.options()), 'ApplicationDoesNotExistException');
  if (!found) await codedeploy.send(new sdk.CreateApplicationCommand({ applicationName: names.application, computePlatform: 'Server' }), api.options());
  say(`${found ? 'reused' : 'created'} CodeDeploy application ${names.application}`);
}

/** Registers the instance (an Nginx container) unless it is registered, and tags it so the deployment group selects it. */
export async function ensureInstance(api: LocalClients, config: Config, names: DemoNames, say: Say): Promise<void> {
  const { sdk, codedeploy } = await api.demoServices();
  const found = await getOrMissing(codedeploy.send(new sdk.GetOnPremisesInstanceCommand({ instanceName: names.instance }), api.options()), 'InstanceNotRegisteredException');
  const registered = found?.instanceInfo !== undefined && found.instanceInfo.deregisterTime === undefined;
  if (!registered) {
    say(`registering instance ${names.instance} (starts its Nginx container) ...`);
    const iamUserArn = formatArn({ service: 'iam', account: config.account, resource: `user/${names.instance}` });
    await codedeploy.send(new sdk.RegisterOnPremisesInstanceCommand({ instanceName: names.instance, iamUserArn }), api.options(REGISTER_TIMEOUT_MS));
  }
  const tags = registered ? found?.instanceInfo?.tags ?? [] : [];
  const tagged = tags.some((t) => t.Key === names.instanceTag.Key && t.Value === names.instanceTag.Value);
  if (!tagged) await codedeploy.send(new sdk.AddTagsToOnPremisesInstancesCommand({ instanceNames: [names.instance], tags: [names.instanceTag] }), api.options());
  say(`${registered ? 'reused' : 'registered'} instance ${names.instance} tagged ${names.instanceTag.Key}=${names.instanceTag.Value}`);
}

/** Creates the deployment group from fixtures/tutorial/deployment-group.json unless it exists. */
export async function ensureDeploymentGroup(api: LocalClients, names: DemoNames, say: Say): Promise<void> {
  const { sdk, codedeploy } = await api.demoServices();
  const body = { applicationName: names.application, deploymentGroupName: names.deploymentGroup };
  const found = await getOrMissing(codedeploy.send(new sdk.GetDeploymentGroupCommand(body), api.options()), 'DeploymentGroupDoesNotExistException');
  if (!found) await codedeploy.send(new sdk.CreateDeploymentGroupCommand(readFixture(FIXTURES.deploymentGroup) as CreateDeploymentGroupCommandInput), api.options());
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
export async function ensurePipeline(api: LocalClients, names: DemoNames, say: Say): Promise<PipelineOutcome> {
  const { pipeline } = readFixture(FIXTURES.pipeline);
  const { sdk, client } = await api.codePipeline();
  const found = await getOrMissing(client.send(new sdk.GetPipelineCommand({ name: names.pipeline }), api.options()), 'PipelineNotFoundException');
  if (!found) {
    await client.send(new sdk.CreatePipelineCommand({ pipeline }), api.options());
    say(`created pipeline ${names.pipeline} (V2, ${pipeline.stages.map((s: { name: string }) => s.name).join(' → ')}); its first execution starts now`);
    return 'created';
  }
  if (containsDeclaration(found.pipeline, pipeline)) {
    say(`reused pipeline ${names.pipeline} (version ${found.pipeline?.version})`);
    return 'reused';
  }
  const { pipeline: updated } = await client.send(new sdk.UpdatePipelineCommand({ pipeline }), api.options());
  say(`updated pipeline ${names.pipeline} to the tutorial's declaration (version ${updated?.version})`);
  return 'updated';
}
