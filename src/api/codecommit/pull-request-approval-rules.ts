import type {
  CreatePullRequestApprovalRuleInput,
  CreatePullRequestApprovalRuleOutput,
  DeletePullRequestApprovalRuleInput,
  DeletePullRequestApprovalRuleOutput,
  UpdatePullRequestApprovalRuleContentInput,
  UpdatePullRequestApprovalRuleContentOutput,
} from '@aws-sdk/client-codecommit';
import type { Scope } from '../../store/index.js';
import { callerArn, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { parseApprovalRuleContent, ruleContentSha256 } from './approval-rule-content.js';
import {
  ApprovalRuleContentRequiredException,
  ApprovalRuleDoesNotExistException,
  ApprovalRuleNameAlreadyExistsException,
  ApprovalRuleNameRequiredException,
  CannotDeleteApprovalRuleFromTemplateException,
  CannotModifyApprovalRuleFromTemplateException,
  InvalidApprovalRuleContentException,
  InvalidApprovalRuleNameException,
  NumberOfRulesExceededException,
} from './approval-rule-errors.js';
import type { CodeCommitDeps } from './deps.js';
import { InvalidRuleContentSha256Exception } from './template-errors.js';
import type { CodeCommitInput } from './operations.js';
import { findPullRequest, withEvent } from './pull-request-doc.js';
import { PullRequestAlreadyClosedException } from './pull-request-errors.js';
import type { PullRequestDoc, StoredApprovalRule } from './pull-request-types.js';
import { scopeOf } from './validate.js';

// CodeCommit's quotas: rule names of 1 to 100 characters; 25 approval rules on a pull request.
const MAX_NAME = 100;
const MAX_RULES = 25;

function checkName(name: string | undefined): string {
  if (name === undefined || name === '') throw new ApprovalRuleNameRequiredException();
  if (name.length > MAX_NAME) throw new InvalidApprovalRuleNameException();
  return name;
}

function checkContent(content: string | undefined): string {
  if (content === undefined || content === '') throw new ApprovalRuleContentRequiredException();
  if (!parseApprovalRuleContent(content)) throw new InvalidApprovalRuleContentException();
  return content;
}

const nowSeconds = (deps: CodeCommitDeps) => Math.floor(deps.clock.now() / 1000);

/** Finds an open pull request whose approval rules are to change. */
async function openPullRequest(deps: CodeCommitDeps, ctx: RequestContext, id: string | undefined): Promise<PullRequestDoc> {
  const doc = await findPullRequest(deps, ctx, id);
  if (doc.status !== 'OPEN') throw new PullRequestAlreadyClosedException();
  return doc;
}

/** Records a rule change on a pull request with its event, in one store transaction. */
function changeRules(deps: CodeCommitDeps, ctx: RequestContext, id: string, change: (rules: StoredApprovalRule[]) => { rules: StoredApprovalRule[]; rule: StoredApprovalRule; type: string }) {
  let changed: StoredApprovalRule | undefined;
  deps.pullRequests.update(scopeOf(ctx), id, (current) => {
    const { rules, rule, type } = change(current.approvalRules ?? []);
    changed = rule;
    const metadata = { approvalRuleName: rule.approvalRuleName, approvalRuleId: rule.approvalRuleId, approvalRuleContent: rule.approvalRuleContent };
    return withEvent(deps, ctx, { ...current, approvalRules: rules }, { pullRequestEventType: type, approvalRuleEventMetadata: metadata });
  });
  return changed!;
}

/**
 * The approval rules a new pull request gets from the templates associated with its repository: those whose
 * DestinationReferences name its destination branch, or that name none.
 */
export function rulesFromTemplates(deps: CodeCommitDeps, scope: Scope, repositoryName: string, destinationReference: string, now: number): StoredApprovalRule[] {
  return deps.approvalTemplates
    .namesFor(scope, repositoryName)
    .map((name) => deps.approvalTemplates.get(scope, name))
    .filter((t) => t !== undefined)
    .filter((t) => {
      const destinations = parseApprovalRuleContent(t.approvalRuleTemplateContent)?.DestinationReferences;
      return destinations === undefined || destinations.includes(destinationReference);
    })
    .map((t) => ({
      approvalRuleId: deps.ids.uuid(),
      approvalRuleName: t.approvalRuleTemplateName,
      approvalRuleContent: t.approvalRuleTemplateContent,
      ruleContentSha256: t.ruleContentSha256,
      lastModifiedDate: now,
      creationDate: now,
      lastModifiedUser: t.lastModifiedUser,
      originApprovalRuleTemplate: { approvalRuleTemplateId: t.approvalRuleTemplateId, approvalRuleTemplateName: t.approvalRuleTemplateName },
    }));
}

/** CreatePullRequestApprovalRule: a named rule on an open pull request. */
export async function createPullRequestApprovalRule(
  deps: CodeCommitDeps,
  input: CodeCommitInput<CreatePullRequestApprovalRuleInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<CreatePullRequestApprovalRuleOutput>> {
  const name = checkName(input.approvalRuleName);
  const content = checkContent(input.approvalRuleContent);
  const found = await openPullRequest(deps, ctx, input.pullRequestId);
  const now = nowSeconds(deps);
  const approvalRule = changeRules(deps, ctx, found.pullRequestId, (rules) => {
    if (rules.some((r) => r.approvalRuleName === name)) throw new ApprovalRuleNameAlreadyExistsException();
    if (rules.length >= MAX_RULES) throw new NumberOfRulesExceededException();
    const rule = { approvalRuleId: deps.ids.uuid(), approvalRuleName: name, approvalRuleContent: content, ruleContentSha256: ruleContentSha256(content), lastModifiedDate: now, creationDate: now, lastModifiedUser: callerArn(ctx) };
    return { rules: [...rules, rule], rule, type: 'PULL_REQUEST_APPROVAL_RULE_CREATED' };
  });
  return { approvalRule };
}

/** UpdatePullRequestApprovalRuleContent: new content for a rule the pull request was not given by a template. */
export async function updatePullRequestApprovalRuleContent(
  deps: CodeCommitDeps,
  input: CodeCommitInput<UpdatePullRequestApprovalRuleContentInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<UpdatePullRequestApprovalRuleContentOutput>> {
  const name = checkName(input.approvalRuleName);
  const content = checkContent(input.newRuleContent);
  const found = await openPullRequest(deps, ctx, input.pullRequestId);
  const approvalRule = changeRules(deps, ctx, found.pullRequestId, (rules) => {
    const existing = rules.find((r) => r.approvalRuleName === name);
    if (!existing) throw new ApprovalRuleDoesNotExistException();
    if (existing.originApprovalRuleTemplate) throw new CannotModifyApprovalRuleFromTemplateException();
    if (input.existingRuleContentSha256 !== undefined && input.existingRuleContentSha256 !== existing.ruleContentSha256) throw new InvalidRuleContentSha256Exception();
    const rule = { ...existing, approvalRuleContent: content, ruleContentSha256: ruleContentSha256(content), lastModifiedDate: nowSeconds(deps), lastModifiedUser: callerArn(ctx) };
    return { rules: rules.map((r) => (r === existing ? rule : r)), rule, type: 'PULL_REQUEST_APPROVAL_RULE_UPDATED' };
  });
  return { approvalRule };
}

/** DeletePullRequestApprovalRule: removes a rule the pull request was not given by a template; an absent one gives an empty id. */
export async function deletePullRequestApprovalRule(
  deps: CodeCommitDeps,
  input: CodeCommitInput<DeletePullRequestApprovalRuleInput>,
  ctx: RequestContext,
): Promise<HandlerOutput<DeletePullRequestApprovalRuleOutput>> {
  const name = checkName(input.approvalRuleName);
  const found = await openPullRequest(deps, ctx, input.pullRequestId);
  const existing = (found.approvalRules ?? []).find((r) => r.approvalRuleName === name);
  if (!existing) return { approvalRuleId: '' };
  if (existing.originApprovalRuleTemplate) throw new CannotDeleteApprovalRuleFromTemplateException();
  const deleted = changeRules(deps, ctx, found.pullRequestId, (rules) => {
    const rule = rules.find((r) => r.approvalRuleName === name) ?? existing;
    return { rules: rules.filter((r) => r.approvalRuleName !== name), rule, type: 'PULL_REQUEST_APPROVAL_RULE_DELETED' };
  });
  return { approvalRuleId: deleted.approvalRuleId };
}
