export { codeDeployProvider, type CodeDeployActionDeps } from './codedeploy.js';
export { s3DeployProvider, keyUnder, type S3DeployDeps } from './s3-deploy.js';
export { describeFailure, type DeploymentFailureText } from './deployment-failure.js';
