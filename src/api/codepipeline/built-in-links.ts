import type { ActionExecutionRecord, ActionTypeId, ActionTypeSettings, Scope } from '../../model/index.js';
import { renderUrlTemplate } from '../../jobs/index.js';
import type { CodePipelineDeps } from './deps.js';

// AWS fills in `settings` for its own action types with templates into the AWS console (the CodeCommit repository
// and commit, the S3 object, the CodeBuild project and build, the CodeDeploy deployment group and deployment).
// Those exact console URLs are not documented, so the templates below keep AWS's placeholders and what each link
// shows, but point into this emulator: its console's repository pages, its S3 endpoint, its build log and
// deployment pages (src/ui/app/lib/router.ts, wiring/deploys.ts, wiring/builds.ts). `thirdPartyConfigurationUrl` is a sign-up page for a third party, and `revisionUrlTemplate`'s
// placeholders are undocumented: both are left out, as for AWS types (the revision link is built from the
// execution template, which names the same revision).

/** The settings of a built-in AWS action type with links into the emulator at `baseUrl`, or undefined when it has none. */
export function builtInSettings(id: ActionTypeId, baseUrl: string, scope: Scope): ActionTypeSettings | undefined {
  if (id.owner !== 'AWS') return undefined;
  const at = `?account=${scope.account}&region=${scope.region}`;
  const repository = `${baseUrl}/console/repositories/{Config:RepositoryName}`;
  switch (`${id.category}/${id.provider}`) {
    case 'Source/CodeCommit':
      return { entityUrlTemplate: `${repository}/browse/{Config:BranchName}`, executionUrlTemplate: `${repository}/commit/{ExternalExecutionId}` };
    case 'Source/S3':
      return {
        entityUrlTemplate: `${baseUrl}/{Config:S3Bucket}?prefix={Config:S3ObjectKey}`,
        executionUrlTemplate: `${baseUrl}/{Config:S3Bucket}/{Config:S3ObjectKey}?versionId={ExternalExecutionId}`,
      };
    case 'Deploy/S3':
      return { entityUrlTemplate: `${baseUrl}/{Config:BucketName}` };
    case 'Build/CodeBuild':
    case 'Test/CodeBuild':
      return { entityUrlTemplate: `${baseUrl}/codebuild/projects/{Config:ProjectName}${at}`, executionUrlTemplate: `${baseUrl}/codebuild/builds/{ExternalExecutionId}/log` };
    case 'Deploy/CodeDeploy':
      return {
        entityUrlTemplate: `${baseUrl}/codedeploy/applications/{Config:ApplicationName}/deployment-groups/{Config:DeploymentGroupName}${at}`,
        executionUrlTemplate: `${baseUrl}/codedeploy/deployments/{ExternalExecutionId}`,
      };
    default:
      return undefined;
  }
}

/** An action execution's link to what it ran: the one its provider reported, else its type's executionUrlTemplate filled in. */
export function executionUrlOf(record: ActionExecutionRecord, settings: ActionTypeSettings | undefined): string | undefined {
  if (record.externalExecutionUrl) return record.externalExecutionUrl;
  if (!record.externalExecutionId) return undefined;
  return renderUrlTemplate(settings?.executionUrlTemplate, record.input.resolvedConfiguration ?? record.input.configuration, record.externalExecutionId);
}

/** The settings of any action type a pipeline may name: a built-in's links into the emulator, or a custom type's own. */
export function actionTypeSettings(deps: CodePipelineDeps, scope: Scope, id: ActionTypeId): ActionTypeSettings | undefined {
  if (id.owner === 'Custom') return deps.jobs.types.find(scope, id)?.type?.settings;
  return builtInSettings(id, deps.baseUrl(), scope);
}
