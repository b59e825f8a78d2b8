import * as sdk from '@aws-sdk/client-codecommit';
import { describe, expect, it } from 'vitest';
import * as approvalRuleErrors from '../../../src/api/codecommit/approval-rule-errors.js';
import * as commentErrors from '../../../src/api/codecommit/comment-errors.js';
import * as errors from '../../../src/api/codecommit/errors.js';
import { codeCommitService } from '../../../src/api/codecommit/index.js';
import type { CodeCommitDeps } from '../../../src/api/codecommit/index.js';

describe('CodeCommit wire errors', () => {
  const defined = Object.entries({ ...errors, ...approvalRuleErrors, ...commentErrors });
  const model = codeCommitService({} as CodeCommitDeps).model;

  it.each(defined.map(([name, cls]) => [name, cls] as const))('%s is an exception class of the SDK and of the model, answered with HTTP 400', (name, cls) => {
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass, `${name} is not exported by @aws-sdk/client-codecommit`).toBeDefined();
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.CodeCommitServiceException);
    expect(model.shapes[name]?.exception).toBe(true);
    expect((cls as { errorName?: string }).errorName).toBe(name);
    expect((cls as { httpStatus?: number }).httpStatus).toBe(400);
  });

  it('raises from each operation only exceptions the model lists for it', () => {
    // Which operation raises which exception, as the handlers are written.
    const raised: Record<string, string[]> = {
      CreateRepository: ['RepositoryNameExistsException', 'RepositoryNameRequiredException', 'InvalidRepositoryNameException', 'InvalidRepositoryDescriptionException', 'TooManyTagsException', 'EncryptionKeyInvalidIdException'],
      GetRepository: ['RepositoryNameRequiredException', 'RepositoryDoesNotExistException', 'InvalidRepositoryNameException'],
      ListRepositories: ['InvalidSortByException', 'InvalidOrderException', 'InvalidContinuationTokenException'],
      DeleteRepository: ['RepositoryNameRequiredException', 'InvalidRepositoryNameException'],
      UpdateRepositoryDescription: ['RepositoryNameRequiredException', 'RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'InvalidRepositoryDescriptionException'],
      GetBranch: ['RepositoryNameRequiredException', 'RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'BranchNameRequiredException', 'InvalidBranchNameException', 'BranchDoesNotExistException'],
      ListBranches: ['RepositoryNameRequiredException', 'RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'InvalidContinuationTokenException'],
      CreateBranch: ['RepositoryNameRequiredException', 'InvalidRepositoryNameException', 'RepositoryDoesNotExistException', 'BranchNameRequiredException', 'BranchNameExistsException', 'InvalidBranchNameException', 'CommitIdRequiredException', 'CommitDoesNotExistException', 'InvalidCommitIdException'],
      DeleteBranch: ['RepositoryNameRequiredException', 'RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'BranchNameRequiredException', 'InvalidBranchNameException', 'DefaultBranchCannotBeDeletedException'],
      ListTagsForResource: ['RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'ResourceArnRequiredException', 'InvalidResourceArnException'],
      TagResource: ['RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'ResourceArnRequiredException', 'InvalidResourceArnException', 'TooManyTagsException'],
      UntagResource: ['RepositoryDoesNotExistException', 'InvalidRepositoryNameException', 'ResourceArnRequiredException', 'InvalidResourceArnException'],
      GetCommit: ['RepositoryNameRequiredException', 'InvalidRepositoryNameException', 'RepositoryDoesNotExistException', 'CommitIdRequiredException', 'InvalidCommitIdException', 'CommitIdDoesNotExistException'],
      CreatePullRequestApprovalRule: ['ApprovalRuleNameRequiredException', 'InvalidApprovalRuleNameException', 'ApprovalRuleNameAlreadyExistsException', 'ApprovalRuleContentRequiredException', 'InvalidApprovalRuleContentException', 'NumberOfRulesExceededException', 'PullRequestAlreadyClosedException'],
      UpdatePullRequestApprovalRuleContent: ['ApprovalRuleDoesNotExistException', 'InvalidRuleContentSha256Exception', 'CannotModifyApprovalRuleFromTemplateException', 'PullRequestAlreadyClosedException'],
      DeletePullRequestApprovalRule: ['ApprovalRuleNameRequiredException', 'CannotDeleteApprovalRuleFromTemplateException', 'PullRequestAlreadyClosedException'],
      EvaluatePullRequestApprovalRules: ['InvalidRevisionIdException', 'RevisionIdRequiredException', 'RevisionNotCurrentException'],
      UpdatePullRequestApprovalState: ['InvalidApprovalStateException', 'ApprovalStateRequiredException', 'PullRequestCannotBeApprovedByAuthorException', 'RevisionNotCurrentException', 'MaximumNumberOfApprovalsExceededException', 'PullRequestAlreadyClosedException'],
      GetPullRequestApprovalStates: ['InvalidRevisionIdException', 'RevisionIdRequiredException'],
      OverridePullRequestApprovalRules: ['InvalidOverrideStatusException', 'OverrideStatusRequiredException', 'OverrideAlreadySetException', 'RevisionNotCurrentException', 'PullRequestAlreadyClosedException'],
      GetPullRequestOverrideState: ['InvalidRevisionIdException', 'RevisionIdRequiredException'],
      MergePullRequestBySquash: ['PullRequestApprovalRulesNotSatisfiedException'],
      PutCommentReaction: ['CommentDeletedException', 'InvalidReactionValueException', 'ReactionValueRequiredException'],
      GetCommentReactions: ['CommentDeletedException', 'InvalidReactionUserArnException'],
    };
    for (const [operation, names] of Object.entries(raised)) {
      const listed = (model.operations[operation].errors ?? []).map((e) => e.shape);
      expect(listed, operation).toEqual(expect.arrayContaining(names));
    }
  });
});
