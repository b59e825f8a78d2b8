import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import { getActionType, listActionTypes } from './action-types.js';
import { listRuleTypes } from './rule-types.js';
import type { CodePipelineDeps } from './deps.js';
import type { CodePipelineOperations } from './operations.js';
import { createPipeline, deletePipeline, getPipeline, listPipelines, updatePipeline } from './pipelines.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { listActionExecutions } from './action-executions.js';
import { disableStageTransition, enableStageTransition, putApprovalResult, retryStageExecution } from './controls.js';
import { getPipelineExecution, listPipelineExecutions, startPipelineExecution, stopPipelineExecution } from './executions.js';
import { getPipelineState } from './pipeline-state.js';
import { rollbackStage } from './rollback.js';
import { listRuleExecutions, overrideStageCondition } from './conditions.js';
import { listDeployActionExecutionTargets } from './deploy-targets.js';
import { createCustomActionType, customTypesOf, deleteCustomActionType, updateActionType } from './custom-action-types.js';
import { putActionRevision } from './action-revisions.js';
import { acknowledgeJob, getJobDetails, pollForJobs, putJobFailureResult, putJobSuccessResult } from './job-workers.js';
import { deleteWebhook, deregisterWebhookWithThirdParty, listWebhooks, putWebhook, registerWebhookWithThirdParty } from './webhooks.js';
import { acknowledgeThirdPartyJob, getThirdPartyJobDetails, pollForThirdPartyJobs, putThirdPartyJobFailureResult, putThirdPartyJobSuccessResult } from './third-party-jobs.js';

export type { CodePipelineDeps, JobWorkerDeps, WebhookDeps } from './deps.js';
export { triggerWebhook, type WebhookRequest, type WebhookResponse, type WebhookTriggerDeps } from './webhook-trigger.js';
export type { CodePipelineOperations } from './operations.js';
export { createPipeline, getPipeline, updatePipeline, deletePipeline, listPipelines, requirePipeline } from './pipelines.js';
export { pipelineArn } from './arns.js';
export { builtInSettings } from './built-in-links.js';

/** The CodePipeline service: its model and the table of operations implemented so far. */
export function codePipelineService(deps: CodePipelineDeps): ServiceDefinition {
  return defineService<CodePipelineOperations>(lazyAwsModel('codepipeline') as LazyModel, {
    CreatePipeline: (input, ctx) => createPipeline(deps, input, ctx),
    GetPipeline: (input, ctx) => getPipeline(deps, input, ctx),
    UpdatePipeline: (input, ctx) => updatePipeline(deps, input, ctx),
    DeletePipeline: (input, ctx) => deletePipeline(deps, input, ctx),
    ListPipelines: (input, ctx) => listPipelines(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
    ListActionTypes: (input, ctx) => listActionTypes(input, { baseUrl: deps.baseUrl(), ctx }, customTypesOf(deps, ctx)),
    GetActionType: (input, ctx) => getActionType(input, { baseUrl: deps.baseUrl(), ctx }),
    ListRuleTypes: (input) => listRuleTypes(input),
    CreateCustomActionType: (input, ctx) => createCustomActionType(deps, input, ctx),
    DeleteCustomActionType: (input, ctx) => deleteCustomActionType(deps, input, ctx),
    UpdateActionType: (input) => updateActionType(input),
    PutActionRevision: (input, ctx) => putActionRevision(deps, input, ctx),
    PollForJobs: (input, ctx) => pollForJobs(deps, input, ctx),
    AcknowledgeJob: (input) => acknowledgeJob(deps, input),
    GetJobDetails: (input) => getJobDetails(deps, input),
    PutJobSuccessResult: (input) => putJobSuccessResult(deps, input),
    PutJobFailureResult: (input) => putJobFailureResult(deps, input),
    PollForThirdPartyJobs: (input, ctx) => pollForThirdPartyJobs(deps, input, ctx),
    AcknowledgeThirdPartyJob: (input) => acknowledgeThirdPartyJob(deps, input),
    GetThirdPartyJobDetails: (input) => getThirdPartyJobDetails(deps, input),
    PutThirdPartyJobSuccessResult: (input) => putThirdPartyJobSuccessResult(deps, input),
    PutThirdPartyJobFailureResult: (input) => putThirdPartyJobFailureResult(deps, input),
    StartPipelineExecution: (input, ctx) => startPipelineExecution(deps, input, ctx),
    StopPipelineExecution: (input, ctx) => stopPipelineExecution(deps, input, ctx),
    GetPipelineExecution: (input, ctx) => getPipelineExecution(deps, input, ctx),
    ListPipelineExecutions: (input, ctx) => listPipelineExecutions(deps, input, ctx),
    GetPipelineState: (input, ctx) => getPipelineState(deps, input, ctx),
    ListActionExecutions: (input, ctx) => listActionExecutions(deps, input, ctx),
    DisableStageTransition: (input, ctx) => disableStageTransition(deps, input, ctx),
    EnableStageTransition: (input, ctx) => enableStageTransition(deps, input, ctx),
    PutApprovalResult: (input, ctx) => putApprovalResult(deps, input, ctx),
    RetryStageExecution: (input, ctx) => retryStageExecution(deps, input, ctx),
    RollbackStage: (input, ctx) => rollbackStage(deps, input, ctx),
    ListRuleExecutions: (input, ctx) => listRuleExecutions(deps, input, ctx),
    OverrideStageCondition: (input, ctx) => overrideStageCondition(deps, input, ctx),
    ListDeployActionExecutionTargets: (input, ctx) => listDeployActionExecutionTargets(deps, input, ctx),
    PutWebhook: (input, ctx) => putWebhook(deps, input, ctx),
    ListWebhooks: (input, ctx) => listWebhooks(deps, input, ctx),
    DeleteWebhook: (input, ctx) => deleteWebhook(deps, input, ctx),
    RegisterWebhookWithThirdParty: (input, ctx) => registerWebhookWithThirdParty(deps, input, ctx),
    DeregisterWebhookWithThirdParty: (input, ctx) => deregisterWebhookWithThirdParty(deps, input, ctx),
  });
}
