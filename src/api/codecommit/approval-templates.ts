import type {
  ApprovalRuleTemplate,
  CreateApprovalRuleTemplateInput,
  CreateApprovalRuleTemplateOutput,
  DeleteApprovalRuleTemplateInput,
  DeleteApprovalRuleTemplateOutput,
  GetApprovalRuleTemplateInput,
  GetApprovalRuleTemplateOutput,
  ListApprovalRuleTemplatesInput,
  ListApprovalRuleTemplatesOutput,
  UpdateApprovalRuleTemplateContentInput,
  UpdateApprovalRuleTemplateContentOutput,
  UpdateApprovalRuleTemplateDescriptionInput,
  UpdateApprovalRuleTemplateDescriptionOutput,
  UpdateApprovalRuleTemplateNameInput,
  UpdateApprovalRuleTemplateNameOutput,
} from '@aws-sdk/client-codecommit';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { parseApprovalRuleContent, ruleContentSha256 } from './approval-rule-content.js';
import type { ApprovalTemplateDoc } from './approval-template-types.js';
import type { CodeCommitDeps } from './deps.js';
import { pageOf } from './file-input.js';
import type { CodeCommitInput } from './operations.js';
import {
  ApprovalRuleTemplateContentRequiredException,
  ApprovalRuleTemplateDoesNotExistException,
  ApprovalRuleTemplateInUseException,
  ApprovalRuleTemplateNameAlreadyExistsException,
  ApprovalRuleTemplateNameRequiredException,
  InvalidApprovalRuleTemplateContentException,
  InvalidApprovalRuleTemplateDescriptionException,
  InvalidApprovalRuleTemplateNameException,
  InvalidRuleContentSha256Exception,
  NumberOfRuleTemplatesExceededException,
} from './template-errors.js';
import { scopeOf } from './validate.js';

// CodeCommit's quotas: names of 1 to 100 letters, digits, periods, spaces, underscores and dashes, not ending in
// .git; descriptions of 1,000 characters; 1,000 templates in a region.
const NAME = /^[A-Za-z0-9._ -]{1,100}$/;
const MAX_DESCRIPTION = 1000;
const MAX_TEMPLATES = 1000;
const PAGE_SIZE = 100;

/** Checks an approval rule template name is given and valid. */
export function requireTemplateName(name: string | undefined): string {
  if (name === undefined || name === '') throw new ApprovalRuleTemplateNameRequiredException();
  if (!NAME.test(name) || name.toLowerCase().endsWith('.git')) throw new InvalidApprovalRuleTemplateNameException();
  return name;
}

/** Finds an approval rule template by a name that has been checked. */
export function findTemplate(deps: CodeCommitDeps, ctx: RequestContext, name: string): ApprovalTemplateDoc {
  const doc = deps.approvalTemplates.get(scopeOf(ctx), name);
  if (!doc) throw new ApprovalRuleTemplateDoesNotExistException(`The specified approval rule template does not exist: ${name}`);
  return doc;
}

function checkContent(content: string | undefined): string {
  if (content === undefined || content === '') throw new ApprovalRuleTemplateContentRequiredException();
  if (!parseApprovalRuleContent(content)) throw new InvalidApprovalRuleTemplateContentException();
  return content;
}

function checkDescription(description: string | undefined): string {
  if ((description ?? '').length > MAX_DESCRIPTION) throw new InvalidApprovalRuleTemplateDescriptionException();
  return description ?? '';
}

function view(doc: ApprovalTemplateDoc): HandlerOutput<ApprovalRuleTemplate> {
  return doc;
}

/** Saves a changed template as the caller, now. */
function save(deps: CodeCommitDeps, ctx: RequestContext, doc: ApprovalTemplateDoc) {
  const changed = { ...doc, lastModifiedDate: Math.floor(deps.clock.now() / 1000), lastModifiedUser: callerArn(ctx) };
  if (!deps.approvalTemplates.replace(scopeOf(ctx), changed)) throw new ApprovalRuleTemplateNameAlreadyExistsException();
  return { approvalRuleTemplate: view(changed) };
}

/** CreateApprovalRuleTemplate. */
export function createApprovalRuleTemplate(deps: CodeCommitDeps, input: CodeCommitInput<CreateApprovalRuleTemplateInput>, ctx: RequestContext): HandlerOutput<CreateApprovalRuleTemplateOutput> {
  const name = requireTemplateName(input.approvalRuleTemplateName);
  const content = checkContent(input.approvalRuleTemplateContent);
  const description = checkDescription(input.approvalRuleTemplateDescription);
  const scope = scopeOf(ctx);
  if (deps.approvalTemplates.names(scope).length >= MAX_TEMPLATES) throw new NumberOfRuleTemplatesExceededException();
  const now = Math.floor(deps.clock.now() / 1000);
  const doc: ApprovalTemplateDoc = {
    approvalRuleTemplateId: deps.ids.uuid(),
    approvalRuleTemplateName: name,
    approvalRuleTemplateDescription: description,
    approvalRuleTemplateContent: content,
    ruleContentSha256: ruleContentSha256(content),
    lastModifiedDate: now,
    creationDate: now,
    lastModifiedUser: callerArn(ctx),
  };
  if (!deps.approvalTemplates.create(scope, doc)) throw new ApprovalRuleTemplateNameAlreadyExistsException(`An approval rule template named ${name} already exists.`);
  return { approvalRuleTemplate: view(doc) };
}

/** GetApprovalRuleTemplate. */
export function getApprovalRuleTemplate(deps: CodeCommitDeps, input: CodeCommitInput<GetApprovalRuleTemplateInput>, ctx: RequestContext): HandlerOutput<GetApprovalRuleTemplateOutput> {
  return { approvalRuleTemplate: view(findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName))) };
}

/** ListApprovalRuleTemplates: the region's template names in name order, paged. */
export function listApprovalRuleTemplates(deps: CodeCommitDeps, input: CodeCommitInput<ListApprovalRuleTemplatesInput>, ctx: RequestContext): HandlerOutput<ListApprovalRuleTemplatesOutput> {
  const { items, nextToken } = pageOf(deps.approvalTemplates.names(scopeOf(ctx)), input, PAGE_SIZE);
  return { approvalRuleTemplateNames: items, ...(nextToken ? { nextToken } : {}) };
}

/** DeleteApprovalRuleTemplate: refused while a repository uses the template; a missing one gives an empty id. */
export function deleteApprovalRuleTemplate(deps: CodeCommitDeps, input: CodeCommitInput<DeleteApprovalRuleTemplateInput>, ctx: RequestContext): HandlerOutput<DeleteApprovalRuleTemplateOutput> {
  const deleted = deps.approvalTemplates.delete(scopeOf(ctx), requireTemplateName(input.approvalRuleTemplateName));
  if (deleted === 'in-use') throw new ApprovalRuleTemplateInUseException();
  return { approvalRuleTemplateId: deleted === 'missing' ? '' : deleted.approvalRuleTemplateId };
}

/** UpdateApprovalRuleTemplateContent: new content, if the caller saw the current one (when it gives its SHA-256). */
export function updateApprovalRuleTemplateContent(
  deps: CodeCommitDeps,
  input: CodeCommitInput<UpdateApprovalRuleTemplateContentInput>,
  ctx: RequestContext,
): HandlerOutput<UpdateApprovalRuleTemplateContentOutput> {
  const doc = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  const content = checkContent(input.newRuleContent);
  if (input.existingRuleContentSha256 !== undefined && input.existingRuleContentSha256 !== doc.ruleContentSha256) throw new InvalidRuleContentSha256Exception();
  return save(deps, ctx, { ...doc, approvalRuleTemplateContent: content, ruleContentSha256: ruleContentSha256(content) });
}

/** UpdateApprovalRuleTemplateDescription. */
export function updateApprovalRuleTemplateDescription(
  deps: CodeCommitDeps,
  input: CodeCommitInput<UpdateApprovalRuleTemplateDescriptionInput>,
  ctx: RequestContext,
): HandlerOutput<UpdateApprovalRuleTemplateDescriptionOutput> {
  const doc = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  return save(deps, ctx, { ...doc, approvalRuleTemplateDescription: checkDescription(input.approvalRuleTemplateDescription) });
}

/** UpdateApprovalRuleTemplateName: a new name; its associations follow it. */
export function updateApprovalRuleTemplateName(
  deps: CodeCommitDeps,
  input: CodeCommitInput<UpdateApprovalRuleTemplateNameInput>,
  ctx: RequestContext,
): HandlerOutput<UpdateApprovalRuleTemplateNameOutput> {
  const doc = findTemplate(deps, ctx, requireTemplateName(input.oldApprovalRuleTemplateName));
  return save(deps, ctx, { ...doc, approvalRuleTemplateName: requireTemplateName(input.newApprovalRuleTemplateName) });
}
