import type {
  AssociateApprovalRuleTemplateWithRepositoryInput,
  BatchAssociateApprovalRuleTemplateWithRepositoriesInput,
  BatchAssociateApprovalRuleTemplateWithRepositoriesOutput,
  BatchDisassociateApprovalRuleTemplateFromRepositoriesInput,
  BatchDisassociateApprovalRuleTemplateFromRepositoriesOutput,
  DisassociateApprovalRuleTemplateFromRepositoryInput,
  ListAssociatedApprovalRuleTemplatesForRepositoryInput,
  ListAssociatedApprovalRuleTemplatesForRepositoryOutput,
  ListRepositoriesForApprovalRuleTemplateInput,
  ListRepositoriesForApprovalRuleTemplateOutput,
} from '@aws-sdk/client-codecommit';
import type { HandlerOutput, NoOutput, RequestContext } from '../protocol/index.js';
import { findTemplate, requireTemplateName } from './approval-templates.js';
import type { CodeCommitDeps } from './deps.js';
import { MaximumRepositoryNamesExceededException, RepositoryNamesRequiredException } from './file-errors.js';
import { pageOf } from './file-input.js';
import type { CodeCommitInput } from './operations.js';
import { MaximumRuleTemplatesAssociatedWithRepositoryException } from './template-errors.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

// CodeCommit's quotas: 25 templates on a repository, 100 repositories in one batch.
const MAX_TEMPLATES_PER_REPOSITORY = 25;
const MAX_BATCH = 100;
const PAGE_SIZE = 100;

/** AssociateApprovalRuleTemplateWithRepository: new pull requests in the repository get the template's rule. */
export function associateApprovalRuleTemplateWithRepository(
  deps: CodeCommitDeps,
  input: CodeCommitInput<AssociateApprovalRuleTemplateWithRepositoryInput>,
  ctx: RequestContext,
): HandlerOutput<NoOutput> {
  const template = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  if (!deps.approvalTemplates.associate(scopeOf(ctx), template.approvalRuleTemplateId, record.name, MAX_TEMPLATES_PER_REPOSITORY)) {
    throw new MaximumRuleTemplatesAssociatedWithRepositoryException();
  }
  return {};
}

/** DisassociateApprovalRuleTemplateFromRepository. */
export function disassociateApprovalRuleTemplateFromRepository(
  deps: CodeCommitDeps,
  input: CodeCommitInput<DisassociateApprovalRuleTemplateFromRepositoryInput>,
  ctx: RequestContext,
): HandlerOutput<NoOutput> {
  const template = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  deps.approvalTemplates.disassociate(scopeOf(ctx), template.approvalRuleTemplateId, record.name);
  return {};
}

/** Applies one change to each named repository, reporting the ones it could not change rather than throwing. */
function batch(deps: CodeCommitDeps, ctx: RequestContext, names: string[] | undefined, change: (repositoryName: string) => void) {
  if (!names || names.length === 0) throw new RepositoryNamesRequiredException();
  if (names.length > MAX_BATCH) throw new MaximumRepositoryNamesExceededException();
  const done: string[] = [];
  const errors: { repositoryName: string; errorCode: string; errorMessage: string }[] = [];
  for (const repositoryName of names) {
    try {
      change(findRepository(deps, ctx, requireRepositoryName(repositoryName)).name);
      done.push(repositoryName);
    } catch (error) {
      const e = error as { errorName?: string; message: string };
      if (!e.errorName) throw error;
      errors.push({ repositoryName, errorCode: e.errorName, errorMessage: e.message });
    }
  }
  return { done, errors };
}

/** BatchAssociateApprovalRuleTemplateWithRepositories. */
export function batchAssociateApprovalRuleTemplateWithRepositories(
  deps: CodeCommitDeps,
  input: CodeCommitInput<BatchAssociateApprovalRuleTemplateWithRepositoriesInput>,
  ctx: RequestContext,
): HandlerOutput<BatchAssociateApprovalRuleTemplateWithRepositoriesOutput> {
  const template = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  const { done, errors } = batch(deps, ctx, input.repositoryNames, (name) => {
    if (!deps.approvalTemplates.associate(scopeOf(ctx), template.approvalRuleTemplateId, name, MAX_TEMPLATES_PER_REPOSITORY)) throw new MaximumRuleTemplatesAssociatedWithRepositoryException();
  });
  return { associatedRepositoryNames: done, errors };
}

/** BatchDisassociateApprovalRuleTemplateFromRepositories. */
export function batchDisassociateApprovalRuleTemplateFromRepositories(
  deps: CodeCommitDeps,
  input: CodeCommitInput<BatchDisassociateApprovalRuleTemplateFromRepositoriesInput>,
  ctx: RequestContext,
): HandlerOutput<BatchDisassociateApprovalRuleTemplateFromRepositoriesOutput> {
  const template = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  const { done, errors } = batch(deps, ctx, input.repositoryNames, (name) => deps.approvalTemplates.disassociate(scopeOf(ctx), template.approvalRuleTemplateId, name));
  return { disassociatedRepositoryNames: done, errors };
}

/** ListAssociatedApprovalRuleTemplatesForRepository: template names in name order, paged. */
export function listAssociatedApprovalRuleTemplatesForRepository(
  deps: CodeCommitDeps,
  input: CodeCommitInput<ListAssociatedApprovalRuleTemplatesForRepositoryInput>,
  ctx: RequestContext,
): HandlerOutput<ListAssociatedApprovalRuleTemplatesForRepositoryOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  const { items, nextToken } = pageOf(deps.approvalTemplates.namesFor(scopeOf(ctx), record.name), input, PAGE_SIZE);
  return { approvalRuleTemplateNames: items, ...(nextToken ? { nextToken } : {}) };
}

/** ListRepositoriesForApprovalRuleTemplate: repository names in name order, paged. */
export function listRepositoriesForApprovalRuleTemplate(
  deps: CodeCommitDeps,
  input: CodeCommitInput<ListRepositoriesForApprovalRuleTemplateInput>,
  ctx: RequestContext,
): HandlerOutput<ListRepositoriesForApprovalRuleTemplateOutput> {
  const template = findTemplate(deps, ctx, requireTemplateName(input.approvalRuleTemplateName));
  const { items, nextToken } = pageOf(deps.approvalTemplates.repositories(scopeOf(ctx), template.approvalRuleTemplateId), input, PAGE_SIZE);
  return { repositoryNames: items, ...(nextToken ? { nextToken } : {}) };
}
