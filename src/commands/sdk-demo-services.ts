// The CodeCommit, CodeBuild and CodeDeploy clients and the commands only `demo` sends, imported on first use.
export { CodeBuildClient, BatchGetProjectsCommand, CreateProjectCommand } from '@aws-sdk/client-codebuild';
export { CodeCommitClient, CreateRepositoryCommand, GetRepositoryCommand } from '@aws-sdk/client-codecommit';
export {
  AddTagsToOnPremisesInstancesCommand,
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  GetApplicationCommand,
  GetDeploymentGroupCommand,
  GetOnPremisesInstanceCommand,
  RegisterOnPremisesInstanceCommand,
} from '@aws-sdk/client-codedeploy';
