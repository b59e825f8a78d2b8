// The stored shape of an approval rule template, apart from the code that reads and changes it, so the deps can name it.

/** An approval rule template as stored: CodeCommit's ApprovalRuleTemplate fields, dates in epoch seconds. */
export interface ApprovalTemplateDoc {
  approvalRuleTemplateId: string;
  approvalRuleTemplateName: string;
  approvalRuleTemplateDescription: string;
  approvalRuleTemplateContent: string;
  ruleContentSha256: string;
  lastModifiedDate: number;
  creationDate: number;
  lastModifiedUser: string;
}
