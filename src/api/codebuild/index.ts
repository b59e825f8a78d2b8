import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import { batchGetBuilds, listBuilds, listBuildsForProject } from './build-queries.js';
import { batchGetBuildBatches, listBuildBatches, listBuildBatchesForProject } from './batch-queries.js';
import { deleteBuildBatch, retryBuildBatch, startBuildBatch, stopBuildBatch } from './build-batches.js';
import { batchDeleteBuilds, retryBuild, startBuild, stopBuild } from './builds.js';
import type { CodeBuildDeps } from './deps.js';
import type { CodeBuildOperations } from './operations.js';
import { batchGetProjects, createProject, deleteProject, listProjects, updateProject } from './projects.js';
import { batchGetReportGroups, createReportGroup, deleteReportGroup, listReportGroups, updateReportGroup } from './report-groups.js';
import { deleteResourcePolicy, getResourcePolicy, listSharedProjects, listSharedReportGroups, putResourcePolicy } from './resource-policies.js';
import { updateProjectVisibility } from './project-visibility.js';
import { batchGetCommandExecutions, batchGetSandboxes, listCommandExecutionsForSandbox, listSandboxes, listSandboxesForProject, startCommandExecution, startSandbox, startSandboxConnection, stopSandbox } from './sandboxes.js';
import { getReportGroupTrend } from './report-trend.js';
import { invalidateProjectCache, listCuratedEnvironmentImages } from './project-extras.js';
import { deleteSourceCredentials, importSourceCredentials, listSourceCredentials } from './source-credentials.js';
import { batchGetFleets, createFleet, deleteFleet, listFleets, updateFleet } from './fleets.js';
import { createWebhook, deleteWebhook, updateWebhook } from './webhooks.js';
import { batchGetReports, deleteReport, describeCodeCoverages, describeTestCases, listReports, listReportsForReportGroup } from './reports.js';

export type { CodeBuildDeps } from './deps.js';
export type { CodeBuildOperations } from './operations.js';
export { registerBuildLogRoute, BUILD_LOG_ROUTE } from './log-route.js';
export { buildView, projectView, phaseView } from './views.js';
export { buildBatchView } from './batch-views.js';

/** The CodeBuild service: its model and the table of operations implemented so far. */
export function codeBuildService(deps: CodeBuildDeps): ServiceDefinition {
  return defineService<CodeBuildOperations>(lazyAwsModel('codebuild') as LazyModel, {
    CreateProject: (input, ctx) => createProject(deps, input, ctx),
    UpdateProject: (input, ctx) => updateProject(deps, input, ctx),
    DeleteProject: (input, ctx) => deleteProject(deps, input, ctx),
    BatchGetProjects: (input, ctx) => batchGetProjects(deps, input, ctx),
    ListProjects: (input, ctx) => listProjects(deps, input, ctx),
    StartBuild: (input, ctx) => startBuild(deps, input, ctx),
    BatchGetBuilds: (input, ctx) => batchGetBuilds(deps, input, ctx),
    ListBuilds: (input, ctx) => listBuilds(deps, input, ctx),
    ListBuildsForProject: (input, ctx) => listBuildsForProject(deps, input, ctx),
    StopBuild: (input, ctx) => stopBuild(deps, input, ctx),
    RetryBuild: (input, ctx) => retryBuild(deps, input, ctx),
    BatchDeleteBuilds: (input, ctx) => batchDeleteBuilds(deps, input, ctx),
    StartBuildBatch: (input, ctx) => startBuildBatch(deps, input, ctx),
    StopBuildBatch: (input, ctx) => stopBuildBatch(deps, input, ctx),
    RetryBuildBatch: (input, ctx) => retryBuildBatch(deps, input, ctx),
    DeleteBuildBatch: (input, ctx) => deleteBuildBatch(deps, input, ctx),
    BatchGetBuildBatches: (input, ctx) => batchGetBuildBatches(deps, input, ctx),
    ListBuildBatches: (input, ctx) => listBuildBatches(deps, input, ctx),
    ListBuildBatchesForProject: (input, ctx) => listBuildBatchesForProject(deps, input, ctx),
    CreateReportGroup: (input, ctx) => createReportGroup(deps, input, ctx),
    UpdateReportGroup: (input, ctx) => updateReportGroup(deps, input, ctx),
    DeleteReportGroup: (input, ctx) => deleteReportGroup(deps, input, ctx),
    BatchGetReportGroups: (input, ctx) => batchGetReportGroups(deps, input, ctx),
    ListReportGroups: (input, ctx) => listReportGroups(deps, input, ctx),
    ListSharedReportGroups: (input, ctx) => listSharedReportGroups(deps, input, ctx),
    ListSharedProjects: (input, ctx) => listSharedProjects(deps, input, ctx),
    ListReports: (input, ctx) => listReports(deps, input, ctx),
    ListReportsForReportGroup: (input, ctx) => listReportsForReportGroup(deps, input, ctx),
    BatchGetReports: (input, ctx) => batchGetReports(deps, input, ctx),
    DeleteReport: (input, ctx) => deleteReport(deps, input, ctx),
    DescribeTestCases: (input, ctx) => describeTestCases(deps, input, ctx),
    DescribeCodeCoverages: (input, ctx) => describeCodeCoverages(deps, input, ctx),
    GetReportGroupTrend: (input, ctx) => getReportGroupTrend(deps, input, ctx),
    InvalidateProjectCache: (input, ctx) => invalidateProjectCache(deps, input, ctx),
    ListCuratedEnvironmentImages: (input) => listCuratedEnvironmentImages(deps, input),
    ImportSourceCredentials: (input, ctx) => importSourceCredentials(deps, input, ctx),
    ListSourceCredentials: (input, ctx) => listSourceCredentials(deps, input, ctx),
    DeleteSourceCredentials: (input, ctx) => deleteSourceCredentials(deps, input, ctx),
    CreateWebhook: (input, ctx) => createWebhook(deps, input, ctx),
    UpdateWebhook: (input, ctx) => updateWebhook(deps, input, ctx),
    DeleteWebhook: (input, ctx) => deleteWebhook(deps, input, ctx),
    CreateFleet: (input, ctx) => createFleet(deps, input, ctx),
    UpdateFleet: (input, ctx) => updateFleet(deps, input, ctx),
    DeleteFleet: (input, ctx) => deleteFleet(deps, input, ctx),
    BatchGetFleets: (input, ctx) => batchGetFleets(deps, input, ctx),
    ListFleets: (input, ctx) => listFleets(deps, input, ctx),
    PutResourcePolicy: (input, ctx) => putResourcePolicy(deps, input, ctx),
    GetResourcePolicy: (input, ctx) => getResourcePolicy(deps, input, ctx),
    DeleteResourcePolicy: (input, ctx) => deleteResourcePolicy(deps, input, ctx),
    UpdateProjectVisibility: (input, ctx) => updateProjectVisibility(deps, input, ctx),
    StartSandbox: (input, ctx) => startSandbox(deps, input, ctx),
    StopSandbox: (input, ctx) => stopSandbox(deps, input, ctx),
    BatchGetSandboxes: (input, ctx) => batchGetSandboxes(deps, input, ctx),
    ListSandboxes: (input, ctx) => listSandboxes(deps, input, ctx),
    ListSandboxesForProject: (input, ctx) => listSandboxesForProject(deps, input, ctx),
    StartCommandExecution: (input, ctx) => startCommandExecution(deps, input, ctx),
    BatchGetCommandExecutions: (input, ctx) => batchGetCommandExecutions(deps, input, ctx),
    ListCommandExecutionsForSandbox: (input, ctx) => listCommandExecutionsForSandbox(deps, input, ctx),
    StartSandboxConnection: (input, ctx) => startSandboxConnection(deps, input, ctx),
  });
}
