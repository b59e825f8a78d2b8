/**
 * The AWS built-in action types, shaped as ListActionTypes returns them.
 *
 * Sources: the CodePipeline User Guide action reference pages (configuration parameters and their
 * "Required" flags, input/output artifact counts) and the aws-cdk `artifactBounds` of each action.
 * Not verified against a live ListActionTypes call: the `key` flags (we mark required keys as key),
 * the `type`s and the descriptions are ours. AWS's exact `settings` URL templates (into its console) are not
 * documented, so this static catalog has none: the API fills in per request templates of the same kind that point
 * into the emulator (api/codepipeline/built-in-links.ts). Conditionally required keys (e.g. CodeBuild `PrimarySource` with several
 * inputs, S3 deploy `ObjectKey` when `Extract` is false) are listed as optional.
 */
import type { ActionCategory, ActionOwner } from './enums.js';
import type { ActionConfigurationProperty, ActionTypeDefinition } from './action-type-shapes.js';

type PropType = 'String' | 'Number' | 'Boolean';

/** A required (and key) configuration property. */
function req(name: string, description: string, type: PropType = 'String'): ActionConfigurationProperty {
  return { name, required: true, key: true, secret: false, queryable: false, description, type };
}

/** An optional configuration property. */
function opt(name: string, description: string, type: PropType = 'String'): ActionConfigurationProperty {
  return { name, required: false, key: false, secret: false, queryable: false, description, type };
}

/** One catalog entry; counts are [minimum, maximum]. */
function def(
  category: ActionCategory,
  provider: string,
  inputs: [number, number],
  outputs: [number, number],
  props: ActionConfigurationProperty[],
  owner: ActionOwner = 'AWS',
): ActionTypeDefinition {
  return {
    id: { category, owner, provider, version: '1' },
    actionConfigurationProperties: props,
    inputArtifactDetails: { minimumCount: inputs[0], maximumCount: inputs[1] },
    outputArtifactDetails: { minimumCount: outputs[0], maximumCount: outputs[1] },
  };
}

const POLL = (): ActionConfigurationProperty => opt('PollForSourceChanges', 'Whether CodePipeline polls the source for changes.', 'Boolean');
const FORMAT = (): ActionConfigurationProperty => opt('OutputArtifactFormat', 'CODE_ZIP or CODEBUILD_CLONE_REF.');

const codeBuildProps = (): ActionConfigurationProperty[] => [
  req('ProjectName', 'The name of the CodeBuild project.'),
  opt('PrimarySource', 'The input artifact used as the primary source when there are several.'),
  opt('BatchEnabled', 'Whether to run a batch build.', 'Boolean'),
  opt('CombineArtifacts', 'Whether to combine the artifacts of a batch build into one.', 'Boolean'),
  opt('EnvironmentVariables', 'A JSON array of environment variables for the build.'),
];

const ecsImageProps = (): ActionConfigurationProperty[] =>
  [1, 2, 3, 4].flatMap((n) => [
    opt(`Image${n}ArtifactName`, `The input artifact holding image ${n}.`),
    opt(`Image${n}ContainerName`, `The container name that receives image ${n}.`),
  ]);

const sources: ActionTypeDefinition[] = [
  def('Source', 'S3', [0, 0], [1, 1], [
    req('S3Bucket', 'The versioned bucket that holds the source object.'),
    req('S3ObjectKey', 'The key of the source object.'),
    POLL(),
    opt('AllowOverrideForS3ObjectKey', 'Whether a start may override the object key.', 'Boolean'),
  ]),
  def('Source', 'CodeCommit', [0, 0], [1, 1], [
    req('RepositoryName', 'The name of the CodeCommit repository.'),
    req('BranchName', 'The branch to take the source from.'),
    POLL(),
    FORMAT(),
  ]),
  def('Source', 'CodeStarSourceConnection', [0, 0], [1, 1], [
    req('ConnectionArn', 'The ARN of the connection to the repository provider.'),
    req('FullRepositoryId', 'The owner and name of the repository, as owner/name.'),
    req('BranchName', 'The branch to take the source from.'),
    FORMAT(),
    opt('DetectChanges', 'Whether a push to the branch starts the pipeline.', 'Boolean'),
  ]),
  def('Source', 'ECR', [0, 0], [1, 1], [
    req('RepositoryName', 'The name of the ECR repository.'),
    opt('ImageTag', 'The image tag to track; latest when omitted.'),
  ]),
  def('Source', 'GitHub', [0, 0], [1, 1], [
    req('Owner', 'The GitHub user or organization that owns the repository.'),
    req('Repo', 'The name of the repository.'),
    req('Branch', 'The branch to take the source from.'),
    { ...req('OAuthToken', 'The GitHub token CodePipeline uses.'), secret: true },
    POLL(),
  ], 'ThirdParty'),
];

const builds: ActionTypeDefinition[] = [
  def('Build', 'CodeBuild', [1, 5], [0, 5], codeBuildProps()),
  def('Test', 'CodeBuild', [1, 5], [0, 5], codeBuildProps()),
  def('Build', 'ECRBuildAndPublish', [1, 1], [0, 0], [
    req('ECRRepositoryName', 'The ECR repository the image is pushed to.'),
    opt('DockerFilePath', 'The folder of the Dockerfile; the source root when omitted.'),
    opt('ImageTags', 'Comma-separated tags for the image; latest when omitted.'),
    opt('RegistryType', 'private or public; private when omitted.'),
  ]),
  // Commands takes its work from the action's `commands` field, not from configuration.
  def('Compute', 'Commands', [1, 10], [0, 1], [
    opt('EnvironmentType', 'LINUX_CONTAINER (the default) or WINDOWS_SERVER_2022_CONTAINER.'),
    opt('ComputeType', 'BUILD_GENERAL1_SMALL (the default), BUILD_GENERAL1_MEDIUM or BUILD_GENERAL1_LARGE.'),
    opt('VpcId', 'The VPC the compute runs in.'),
    opt('Subnets', 'Comma-separated subnets of the VPC.'),
    opt('SecurityGroupIds', 'Comma-separated security groups of the VPC.'),
  ]),
  def('Approval', 'Manual', [0, 0], [0, 0], [
    opt('NotificationArn', 'The SNS topic notified when approval is needed.'),
    opt('CustomData', 'Comments shown to the reviewer.'),
    opt('ExternalEntityLink', 'A URL shown to the reviewer.'),
  ]),
];

const deploys: ActionTypeDefinition[] = [
  def('Deploy', 'S3', [1, 1], [0, 0], [
    req('BucketName', 'The bucket to deploy to.'),
    req('Extract', 'Whether to extract the artifact before upload.', 'Boolean'),
    opt('ObjectKey', 'The object key; required when Extract is false.'),
    opt('KMSEncryptionKeyARN', 'The KMS key for the uploaded objects.'),
    opt('CannedACL', 'The canned ACL applied to the objects.'),
    opt('CacheControl', 'The Cache-Control header of the objects.'),
  ]),
  def('Deploy', 'CodeDeploy', [1, 1], [0, 0], [
    req('ApplicationName', 'The CodeDeploy application.'),
    req('DeploymentGroupName', 'The CodeDeploy deployment group.'),
  ]),
  def('Deploy', 'ECS', [1, 1], [0, 0], [
    req('ClusterName', 'The ECS cluster.'),
    req('ServiceName', 'The ECS service.'),
    opt('FileName', 'The image definitions file; imagedefinitions.json when omitted.'),
    opt('DeploymentTimeout', 'The deployment timeout in minutes (at most 60).', 'Number'),
  ]),
  def('Deploy', 'CodeDeployToECS', [1, 5], [0, 0], [
    req('ApplicationName', 'The CodeDeploy application.'),
    req('DeploymentGroupName', 'The CodeDeploy deployment group.'),
    req('TaskDefinitionTemplateArtifact', 'The input artifact holding the task definition.'),
    req('AppSpecTemplateArtifact', 'The input artifact holding the AppSpec file.'),
    opt('TaskDefinitionTemplatePath', 'The task definition file name; taskdef.json when omitted.'),
    opt('AppSpecTemplatePath', 'The AppSpec file name; appspec.yaml when omitted.'),
    ...ecsImageProps(),
  ]),
  def('Deploy', 'CloudFormation', [0, 10], [0, 1], [
    req('ActionMode', 'The stack or change set operation to perform.'),
    req('StackName', 'The stack to act on.'),
    opt('Capabilities', 'The IAM capabilities acknowledged for the stack.'),
    opt('ChangeSetName', 'The change set to create or execute.'),
    opt('OutputFileName', 'The file in the output artifact that receives the stack outputs.'),
    opt('ParameterOverrides', 'A JSON object of template parameter values.'),
    opt('RoleArn', 'The role CloudFormation assumes.'),
    opt('TemplatePath', 'The template file, as ArtifactName::FileName.'),
    opt('TemplateConfiguration', 'The template configuration file, as ArtifactName::FileName.'),
  ]),
  def('Deploy', 'ElasticBeanstalk', [1, 1], [0, 0], [
    req('ApplicationName', 'The Elastic Beanstalk application.'),
    req('EnvironmentName', 'The Elastic Beanstalk environment.'),
  ]),
  def('Deploy', 'Lambda', [0, 1], [0, 0], [
    req('FunctionName', 'The Lambda function to deploy.'),
    opt('FunctionAlias', 'The alias traffic is shifted on.'),
    opt('PublishedTargetVersion', 'The published version to deploy when there is no input artifact.'),
    opt('DeployStrategy', 'AllAtOnce, or a canary or linear traffic-shifting strategy.'),
    opt('Alarms', 'Comma-separated CloudWatch alarms that roll the deployment back.'),
  ]),
];

const invokes: ActionTypeDefinition[] = [
  def('Invoke', 'Lambda', [0, 5], [0, 5], [
    req('FunctionName', 'The Lambda function to invoke.'),
    opt('UserParameters', 'A string passed to the function in the job data.'),
  ]),
  def('Invoke', 'StepFunctions', [0, 1], [0, 1], [
    req('StateMachineArn', 'The state machine to start.'),
    opt('ExecutionNamePrefix', 'A prefix for the execution name.'),
    opt('InputType', 'Literal or FilePath.'),
    opt('Input', 'The execution input, or the file that holds it.'),
  ]),
];

/** The built-in catalog, grouped by category. */
export const builtInActionTypeData: readonly ActionTypeDefinition[] = [...sources, ...builds, ...deploys, ...invokes];
