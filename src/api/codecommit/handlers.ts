import type { HandlerTable } from '../protocol/index.js';
import {
  associateApprovalRuleTemplateWithRepository,
  batchAssociateApprovalRuleTemplateWithRepositories,
  batchDisassociateApprovalRuleTemplateFromRepositories,
  disassociateApprovalRuleTemplateFromRepository,
  listAssociatedApprovalRuleTemplatesForRepository,
  listRepositoriesForApprovalRuleTemplate,
} from './approval-template-associations.js';
import {
  createApprovalRuleTemplate,
  deleteApprovalRuleTemplate,
  getApprovalRuleTemplate,
  listApprovalRuleTemplates,
  updateApprovalRuleTemplateContent,
  updateApprovalRuleTemplateDescription,
  updateApprovalRuleTemplateName,
} from './approval-templates.js';
import { createBranch, deleteBranch, getBranch, listBranches } from './branches.js';
import { getCommit } from './commits.js';
import { createCommit, deleteFile, putFile } from './commit-create.js';
import { getCommentReactions, putCommentReaction } from './comment-reactions.js';
import { deleteCommentContent, getComment, postCommentReply, updateComment } from './comment-edits.js';
import { getCommentsForComparedCommit, getCommentsForPullRequest, postCommentForComparedCommit, postCommentForPullRequest } from './comments.js';
import { getDifferences } from './differences.js';
import { getBlob, getFile, getFolder } from './files.js';
import { batchGetCommits, listFileCommitHistory } from './history.js';
import { batchGetRepositories, updateDefaultBranch } from './repository-batch.js';
import { createPullRequestApprovalRule, deletePullRequestApprovalRule, updatePullRequestApprovalRuleContent } from './pull-request-approval-rules.js';
import {
  evaluatePullRequestApprovalRules,
  getPullRequestApprovalStates,
  getPullRequestOverrideState,
  overridePullRequestApprovalRules,
  updatePullRequestApprovalState,
} from './pull-request-approvals.js';
import { mergePullRequestByFastForward, mergePullRequestBySquash, mergePullRequestByThreeWay } from './pull-request-merges.js';
import {
  createPullRequest,
  describePullRequestEvents,
  getPullRequest,
  listPullRequests,
  updatePullRequestDescription,
  updatePullRequestStatus,
  updatePullRequestTitle,
} from './pull-requests.js';
import { updateRepositoryEncryptionKey } from './repository-encryption.js';
import { getRepositoryTriggers, putRepositoryTriggers, testRepositoryTriggers } from './triggers.js';
import { updateRepositoryName } from './repository-rename.js';
import { batchDescribeMergeConflicts, describeMergeConflicts, getMergeConflicts } from './merge-conflicts.js';
import { createUnreferencedMergeCommit, getMergeCommit, getMergeOptions, mergeBranchesByFastForward, mergeBranchesBySquash, mergeBranchesByThreeWay } from './merges.js';
import type { CodeCommitDeps } from './deps.js';
import type { CodeCommitOperations } from './operations.js';
import type { ImplementedOperation } from './implemented.js';
import { createRepository, deleteRepository, getRepository, listRepositories, updateRepositoryDescription } from './repositories.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';

/** CodeCommit's handlers, each over the service's dependencies; loaded with the first CodeCommit request (see index.ts). */
export function codeCommitHandlers(deps: CodeCommitDeps): HandlerTable<CodeCommitOperations, ImplementedOperation> {
  return {
    CreateRepository: (input, ctx) => createRepository(deps, input, ctx),
    GetRepository: (input, ctx) => getRepository(deps, input, ctx),
    ListRepositories: (input, ctx) => listRepositories(deps, input, ctx),
    DeleteRepository: (input, ctx) => deleteRepository(deps, input, ctx),
    UpdateRepositoryDescription: (input, ctx) => updateRepositoryDescription(deps, input, ctx),
    GetBranch: (input, ctx) => getBranch(deps, input, ctx),
    ListBranches: (input, ctx) => listBranches(deps, input, ctx),
    CreateBranch: (input, ctx) => createBranch(deps, input, ctx),
    DeleteBranch: (input, ctx) => deleteBranch(deps, input, ctx),
    GetCommit: (input, ctx) => getCommit(deps, input, ctx),
    ListTagsForResource: (input, ctx) => listTagsForResource(deps, input, ctx),
    TagResource: (input, ctx) => tagResource(deps, input, ctx),
    UntagResource: (input, ctx) => untagResource(deps, input, ctx),
    GetBlob: (input, ctx) => getBlob(deps, input, ctx),
    GetFile: (input, ctx) => getFile(deps, input, ctx),
    GetFolder: (input, ctx) => getFolder(deps, input, ctx),
    PutFile: (input, ctx) => putFile(deps, input, ctx),
    DeleteFile: (input, ctx) => deleteFile(deps, input, ctx),
    CreateCommit: (input, ctx) => createCommit(deps, input, ctx),
    BatchGetCommits: (input, ctx) => batchGetCommits(deps, input, ctx),
    GetDifferences: (input, ctx) => getDifferences(deps, input, ctx),
    ListFileCommitHistory: (input, ctx) => listFileCommitHistory(deps, input, ctx),
    BatchGetRepositories: (input, ctx) => batchGetRepositories(deps, input, ctx),
    UpdateDefaultBranch: (input, ctx) => updateDefaultBranch(deps, input, ctx),
    UpdateRepositoryName: (input, ctx) => updateRepositoryName(deps, input, ctx),
    UpdateRepositoryEncryptionKey: (input, ctx) => updateRepositoryEncryptionKey(deps, input, ctx),
    GetMergeOptions: (input, ctx) => getMergeOptions(deps, input, ctx),
    GetMergeConflicts: (input, ctx) => getMergeConflicts(deps, input, ctx),
    DescribeMergeConflicts: (input, ctx) => describeMergeConflicts(deps, input, ctx),
    BatchDescribeMergeConflicts: (input, ctx) => batchDescribeMergeConflicts(deps, input, ctx),
    CreateUnreferencedMergeCommit: (input, ctx) => createUnreferencedMergeCommit(deps, input, ctx),
    MergeBranchesByFastForward: (input, ctx) => mergeBranchesByFastForward(deps, input, ctx),
    MergeBranchesBySquash: (input, ctx) => mergeBranchesBySquash(deps, input, ctx),
    MergeBranchesByThreeWay: (input, ctx) => mergeBranchesByThreeWay(deps, input, ctx),
    GetMergeCommit: (input, ctx) => getMergeCommit(deps, input, ctx),
    CreatePullRequest: (input, ctx) => createPullRequest(deps, input, ctx),
    GetPullRequest: (input, ctx) => getPullRequest(deps, input, ctx),
    ListPullRequests: (input, ctx) => listPullRequests(deps, input, ctx),
    UpdatePullRequestTitle: (input, ctx) => updatePullRequestTitle(deps, input, ctx),
    UpdatePullRequestDescription: (input, ctx) => updatePullRequestDescription(deps, input, ctx),
    UpdatePullRequestStatus: (input, ctx) => updatePullRequestStatus(deps, input, ctx),
    DescribePullRequestEvents: (input, ctx) => describePullRequestEvents(deps, input, ctx),
    PutCommentReaction: (input, ctx) => putCommentReaction(deps, input, ctx),
    GetCommentReactions: (input, ctx) => getCommentReactions(deps, input, ctx),
    CreatePullRequestApprovalRule: (input, ctx) => createPullRequestApprovalRule(deps, input, ctx),
    UpdatePullRequestApprovalRuleContent: (input, ctx) => updatePullRequestApprovalRuleContent(deps, input, ctx),
    DeletePullRequestApprovalRule: (input, ctx) => deletePullRequestApprovalRule(deps, input, ctx),
    EvaluatePullRequestApprovalRules: (input, ctx) => evaluatePullRequestApprovalRules(deps, input, ctx),
    UpdatePullRequestApprovalState: (input, ctx) => updatePullRequestApprovalState(deps, input, ctx),
    GetPullRequestApprovalStates: (input, ctx) => getPullRequestApprovalStates(deps, input, ctx),
    OverridePullRequestApprovalRules: (input, ctx) => overridePullRequestApprovalRules(deps, input, ctx),
    GetPullRequestOverrideState: (input, ctx) => getPullRequestOverrideState(deps, input, ctx),
    MergePullRequestByFastForward: (input, ctx) => mergePullRequestByFastForward(deps, input, ctx),
    MergePullRequestBySquash: (input, ctx) => mergePullRequestBySquash(deps, input, ctx),
    MergePullRequestByThreeWay: (input, ctx) => mergePullRequestByThreeWay(deps, input, ctx),
    PostCommentForPullRequest: (input, ctx) => postCommentForPullRequest(deps, input, ctx),
    GetCommentsForPullRequest: (input, ctx) => getCommentsForPullRequest(deps, input, ctx),
    PostCommentForComparedCommit: (input, ctx) => postCommentForComparedCommit(deps, input, ctx),
    GetCommentsForComparedCommit: (input, ctx) => getCommentsForComparedCommit(deps, input, ctx),
    PostCommentReply: (input, ctx) => postCommentReply(deps, input, ctx),
    GetComment: (input, ctx) => getComment(deps, input, ctx),
    UpdateComment: (input, ctx) => updateComment(deps, input, ctx),
    DeleteCommentContent: (input, ctx) => deleteCommentContent(deps, input, ctx),
    PutRepositoryTriggers: (input, ctx) => putRepositoryTriggers(deps, input, ctx),
    GetRepositoryTriggers: (input, ctx) => getRepositoryTriggers(deps, input, ctx),
    TestRepositoryTriggers: (input, ctx) => testRepositoryTriggers(deps, input, ctx),
    CreateApprovalRuleTemplate: (input, ctx) => createApprovalRuleTemplate(deps, input, ctx),
    GetApprovalRuleTemplate: (input, ctx) => getApprovalRuleTemplate(deps, input, ctx),
    ListApprovalRuleTemplates: (input, ctx) => listApprovalRuleTemplates(deps, input, ctx),
    DeleteApprovalRuleTemplate: (input, ctx) => deleteApprovalRuleTemplate(deps, input, ctx),
    UpdateApprovalRuleTemplateContent: (input, ctx) => updateApprovalRuleTemplateContent(deps, input, ctx),
    UpdateApprovalRuleTemplateDescription: (input, ctx) => updateApprovalRuleTemplateDescription(deps, input, ctx),
    UpdateApprovalRuleTemplateName: (input, ctx) => updateApprovalRuleTemplateName(deps, input, ctx),
    AssociateApprovalRuleTemplateWithRepository: (input, ctx) => associateApprovalRuleTemplateWithRepository(deps, input, ctx),
    DisassociateApprovalRuleTemplateFromRepository: (input, ctx) => disassociateApprovalRuleTemplateFromRepository(deps, input, ctx),
    BatchAssociateApprovalRuleTemplateWithRepositories: (input, ctx) => batchAssociateApprovalRuleTemplateWithRepositories(deps, input, ctx),
    BatchDisassociateApprovalRuleTemplateFromRepositories: (input, ctx) => batchDisassociateApprovalRuleTemplateFromRepositories(deps, input, ctx),
    ListAssociatedApprovalRuleTemplatesForRepository: (input, ctx) => listAssociatedApprovalRuleTemplatesForRepository(deps, input, ctx),
    ListRepositoriesForApprovalRuleTemplate: (input, ctx) => listRepositoriesForApprovalRuleTemplate(deps, input, ctx),
  };
}
