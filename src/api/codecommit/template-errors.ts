import { documented } from './file-errors.js';

// The exceptions of the approval rule template operations, with the CodeCommit API reference's descriptions as default messages.

/** CodeCommit's ApprovalRuleTemplateNameRequiredException. */
export const ApprovalRuleTemplateNameRequiredException = documented('ApprovalRuleTemplateNameRequiredException', 'An approval rule template name is required, but was not specified.');
/** CodeCommit's InvalidApprovalRuleTemplateNameException. */
export const InvalidApprovalRuleTemplateNameException = documented('InvalidApprovalRuleTemplateNameException', 'The name of the approval rule template is not valid. Template names must be between 1 and 100 valid characters in length. For more information about limits in CodeCommit, see Quotas in the CodeCommit User Guide.');
/** CodeCommit's ApprovalRuleTemplateNameAlreadyExistsException. */
export const ApprovalRuleTemplateNameAlreadyExistsException = documented('ApprovalRuleTemplateNameAlreadyExistsException', 'You cannot create an approval rule template with that name because a template with that name already exists in this Amazon Web Services Region for your Amazon Web Services account. Approval rule template names must be unique.');
/** CodeCommit's ApprovalRuleTemplateContentRequiredException. */
export const ApprovalRuleTemplateContentRequiredException = documented('ApprovalRuleTemplateContentRequiredException', 'The content for the approval rule template is empty. You must provide some content for an approval rule template. The content cannot be null.');
/** CodeCommit's InvalidApprovalRuleTemplateContentException. */
export const InvalidApprovalRuleTemplateContentException = documented('InvalidApprovalRuleTemplateContentException', 'The content of the approval rule template is not valid.');
/** CodeCommit's InvalidApprovalRuleTemplateDescriptionException. */
export const InvalidApprovalRuleTemplateDescriptionException = documented('InvalidApprovalRuleTemplateDescriptionException', 'The description for the approval rule template is not valid because it exceeds the maximum characters allowed for a description. For more information about limits in CodeCommit, see Quotas in the CodeCommit User Guide.');
/** CodeCommit's NumberOfRuleTemplatesExceededException. */
export const NumberOfRuleTemplatesExceededException = documented('NumberOfRuleTemplatesExceededException', 'The maximum number of approval rule templates has been exceeded for this Amazon Web Services Region.');
/** CodeCommit's ApprovalRuleTemplateDoesNotExistException. */
export const ApprovalRuleTemplateDoesNotExistException = documented('ApprovalRuleTemplateDoesNotExistException', 'The specified approval rule template does not exist. Verify that the name is correct and that you are signed in to the Amazon Web Services Region where the template was created, and then try again.');
/** CodeCommit's ApprovalRuleTemplateInUseException. */
export const ApprovalRuleTemplateInUseException = documented('ApprovalRuleTemplateInUseException', 'The approval rule template is associated with one or more repositories. You cannot delete a template that is associated with a repository. Remove all associations, and then try again.');
/** CodeCommit's InvalidRuleContentSha256Exception. */
export const InvalidRuleContentSha256Exception = documented('InvalidRuleContentSha256Exception', 'The SHA-256 hash signature for the rule content is not valid.');
/** CodeCommit's MaximumRuleTemplatesAssociatedWithRepositoryException. */
export const MaximumRuleTemplatesAssociatedWithRepositoryException = documented('MaximumRuleTemplatesAssociatedWithRepositoryException', 'The maximum number of approval rule templates for a repository has been exceeded. You cannot associate more than 25 approval rule templates with a repository.');
