export { openDatabase, migrate, type Db } from './database.js';
export { migrations, type Migration } from './migrations.js';
export { PipelineStore, type PipelineRecord } from './pipeline-store.js';
export { TagStore } from './tag-store.js';
// Records the store keeps are model types; they are named here too for the store's callers.
export type {
  Scope,
  BuildRecord,
  BuildRequestRecord,
  BuildBatchRecord,
  BuildStatus,
  BuildBatchPhase,
  BuildBatchPhaseType,
  BuildGroupRecord,
  BatchBuildSummary,
  BatchBuildPlan,
  BuildArtifactsView,
  CodeBuildArtifacts,
  CodeBuildEnvironment,
  CodeBuildEnvironmentVariable,
  CodeBuildProject,
  CodeBuildSource,
  ProjectRecord,
  ReportGroupRecord,
  ReportExportConfigRecord,
  ReportRecord,
  ReportStatus,
  ReportType,
  TestCaseRecord,
  CodeCoverageRecord,
  SourceCredentialsRecord,
  FleetRecord,
  SandboxRecord,
  SandboxSessionRecord,
  CommandExecutionRecord,
  CollectedReport,
  ApplicationRecord,
  ApplicationRevisionRecord,
  AutoRollbackConfiguration,
  DeploymentConfigRecord,
  LambdaDeploymentSpec,
  TrafficRoutingConfig,
  DeploymentGroupRecord,
  DeploymentRecord,
  DeploymentStatus,
  DeploymentTargetRecord,
  RevisionLocation,
  TargetStatus,
  TagFilter,
} from '../model/index.js';
export { ACTIVE_DEPLOYMENT_STATUSES } from '../model/index.js';
export { ExecutionStore } from './execution-store.js';
export { ActionExecutionStore } from './action-execution-store.js';
export { ConditionStore } from './condition-store.js';
export { CodeBuildStore, type BuildSortOrder } from './codebuild-store.js';
export { CodeBuildReportStore, type NewReport } from './codebuild-report-store.js';
export { CodeBuildBatchStore } from './codebuild-batch-store.js';
export { SourceCredentialsStore } from './source-credentials-store.js';
export { CodeBuildFleetStore } from './codebuild-fleet-store.js';
export { CodeBuildSandboxStore } from './codebuild-sandbox-store.js';
export { RepositoryStore, repositoryArn, type RepositoryRecord, type NewRepository } from './repository-store.js';
export { SourceWatchStore, type SourceWatchState, type PipelineVersionKey } from './source-watch-store.js';
export { InstanceStore, type InstanceRecord, type InstanceTag, type InstanceContainerRef, type NewInstance } from './instance-store.js';
export { CodeDeployStore } from './codedeploy-store.js';
export { CodeDeployRevisionStore } from './codedeploy-revision-store.js';
export { CodeDeployDeploymentStore, type DeploymentFilter } from './codedeploy-deployment-store.js';
export { PullRequestStore, type PullRequestKeys } from './pull-request-store.js';
export { CommentStore, type CommentKeys } from './comment-store.js';
export { ApprovalTemplateStore, type ApprovalTemplateKeys } from './approval-template-store.js';
export { JobStore } from './job-store.js';
export { LambdaFunctionStore } from './lambda-function-store.js';
export { LambdaVersionStore } from './lambda-version-store.js';
export { CustomActionTypeStore } from './custom-action-type-store.js';
export { SnsStore, MAILBOX_LIMIT, type SnsTopicRecord, type SnsSubscriptionRecord, type SnsMailboxMessage } from './sns-store.js';
export { EventArchiveStore, type ArchivedEntry, type ArchiveTable } from './event-archive-store.js';
export { NotificationRuleStore, type NotificationRuleRecord } from './notification-rule-store.js';
export { WebhookStore, type WebhookRecord, type WebhookDefinitionRecord } from './webhook-store.js';
export { IamStore, type IamEntityKind, type IamAccessKeyRecord } from './iam-store.js';
export { CloudWatchAlarmStore, ALARM_HISTORY_RETENTION_MS, type AlarmHistoryQuery, type PositionedHistoryItem } from './cloudwatch-alarm-store.js';
