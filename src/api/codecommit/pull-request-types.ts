import type { MergeMetadata, PullRequestEvent } from '@aws-sdk/client-codecommit';
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
}
