import { documented } from './file-errors.js';

// The exceptions of the pull request approval rule and approval state operations, with the CodeCommit API reference's
// descriptions as default messages.

/** CodeCommit's ApprovalRuleNameRequiredException. */
export const ApprovalRuleNameRequiredException = documented('ApprovalRuleNameRequiredException', 'An approval rule name is required, but was not specified.');
/** CodeCommit's InvalidApprovalRuleNameException. */
export const InvalidApprovalRuleNameException = documented('InvalidApprovalRuleNameException', 'The name for the approval rule is not valid.');
/** CodeCommit's ApprovalRuleNameAlreadyExistsException. */
export const ApprovalRuleNameAlreadyExistsException = documented('ApprovalRuleNameAlreadyExistsException', 'An approval rule with that name already exists. Approval rule names must be unique within the scope of a pull request.');
/** CodeCommit's ApprovalRuleContentRequiredException. */
export const ApprovalRuleContentRequiredException = documented('ApprovalRuleContentRequiredException', 'The content for the approval rule is empty. You must provide some content for an approval rule. The content cannot be null.');
/** CodeCommit's InvalidApprovalRuleContentException. */
export const InvalidApprovalRuleContentException = documented('InvalidApprovalRuleContentException', 'The content for the approval rule is not valid.');
/** CodeCommit's NumberOfRulesExceededException. */
export const NumberOfRulesExceededException = documented('NumberOfRulesExceededException', 'The approval rule cannot be added. The pull request has the maximum number of approval rules associated with it.');
/** CodeCommit's ApprovalRuleDoesNotExistException. */
export const ApprovalRuleDoesNotExistException = documented('ApprovalRuleDoesNotExistException', 'The specified approval rule does not exist.');
/** CodeCommit's CannotModifyApprovalRuleFromTemplateException. */
export const CannotModifyApprovalRuleFromTemplateException = documented('CannotModifyApprovalRuleFromTemplateException', 'The approval rule cannot be modified for the pull request because it was created by an approval rule template and applied to the pull request automatically.');
/** CodeCommit's CannotDeleteApprovalRuleFromTemplateException. */
export const CannotDeleteApprovalRuleFromTemplateException = documented('CannotDeleteApprovalRuleFromTemplateException', 'The approval rule cannot be deleted from the pull request because it was created by an approval rule template and applied to the pull request automatically.');
/** CodeCommit's InvalidRevisionIdException. */
export const InvalidRevisionIdException = documented('InvalidRevisionIdException', 'The revision ID is not valid. Use GetPullRequest to determine the value.');
/** CodeCommit's RevisionIdRequiredException. */
export const RevisionIdRequiredException = documented('RevisionIdRequiredException', 'A revision ID is required, but was not provided.');
/** CodeCommit's RevisionNotCurrentException. */
export const RevisionNotCurrentException = documented('RevisionNotCurrentException', 'The revision ID provided in the request does not match the current revision ID. Use GetPullRequest to retrieve the current revision ID.');
/** CodeCommit's InvalidApprovalStateException. */
export const InvalidApprovalStateException = documented('InvalidApprovalStateException', 'The state for the approval is not valid. Valid values include APPROVE and REVOKE.');
/** CodeCommit's ApprovalStateRequiredException. */
export const ApprovalStateRequiredException = documented('ApprovalStateRequiredException', 'An approval state is required, but was not specified.');
/** CodeCommit's PullRequestCannotBeApprovedByAuthorException. */
export const PullRequestCannotBeApprovedByAuthorException = documented('PullRequestCannotBeApprovedByAuthorException', 'The approval cannot be applied because the user approving the pull request matches the user who created the pull request. You cannot approve a pull request that you created.');
/** CodeCommit's MaximumNumberOfApprovalsExceededException. */
export const MaximumNumberOfApprovalsExceededException = documented('MaximumNumberOfApprovalsExceededException', 'The number of approvals required for the approval rule exceeds the maximum number allowed.');
/** CodeCommit's InvalidOverrideStatusException. */
export const InvalidOverrideStatusException = documented('InvalidOverrideStatusException', 'The override status is not valid. Valid statuses are OVERRIDE and REVOKE.');
/** CodeCommit's OverrideStatusRequiredException. */
export const OverrideStatusRequiredException = documented('OverrideStatusRequiredException', 'An override status is required, but no value was provided. Valid values include OVERRIDE and REVOKE.');
/** CodeCommit's OverrideAlreadySetException. */
export const OverrideAlreadySetException = documented('OverrideAlreadySetException', 'The pull request has already had its approval rules set to override.');
/** CodeCommit's PullRequestApprovalRulesNotSatisfiedException. */
export const PullRequestApprovalRulesNotSatisfiedException = documented('PullRequestApprovalRulesNotSatisfiedException', 'The pull request cannot be merged because one or more approval rules applied to the pull request have conditions that have not been met.');
