import type { ApprovalState, MergeMetadata, PullRequestEvent } from '@aws-sdk/client-codecommit';
import type { HandlerOutput } from '../protocol/index.js';

// The stored shape of a pull request, apart from the code that reads and changes it, so the deps can name it.

/** A pull request's one target, as stored: references in full (`refs/heads/...`) and the commits last seen there. */
export interface StoredTarget {
  repositoryName: string;
  sourceReference: string;
  destinationReference: string;
  sourceCommit: string;
  destinationCommit: string;
  mergeBase?: string;
  mergeMetadata: MergeMetadata;
}

/** A pull request as stored: CodeCommit's fields (dates in epoch seconds) and its events. */
export interface PullRequestDoc {
  pullRequestId: string;
  title: string;
  description?: string;
  status: 'OPEN' | 'CLOSED';
  authorArn: string;
  clientRequestToken?: string;
  creationDate: number;
  lastActivityDate: number;
  revisionId: string;
  repositoryName: string;
  target: StoredTarget;
  events: HandlerOutput<PullRequestEvent>[];
  /** The pull request's approval rules: its own and those its repository's templates gave it when it was opened. */
  approvalRules?: StoredApprovalRule[];
  /** Approval states given, each for the revision it was given on (a new revision starts with none). */
  approvals?: StoredApproval[];
  /** Who set the approval rules aside, while they are. */
  overrider?: string;
}

/** One user's approval state of one revision of a pull request. */
export interface StoredApproval {
  revisionId: string;
  userArn: string;
  approvalState: ApprovalState;
}

/** An approval rule of a pull request as stored: CodeCommit's ApprovalRule fields, dates in epoch seconds. */
export interface StoredApprovalRule {
  approvalRuleId: string;
  approvalRuleName: string;
  approvalRuleContent: string;
  ruleContentSha256: string;
  lastModifiedDate: number;
  creationDate: number;
  lastModifiedUser: string;
  /** The template the rule came from, for a rule a template gave the pull request when it was opened. */
  originApprovalRuleTemplate?: { approvalRuleTemplateId: string; approvalRuleTemplateName: string };
}
