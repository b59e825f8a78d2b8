import type { Location } from '@aws-sdk/client-codecommit';

// The stored shape of a comment, apart from the code that reads and changes it, so the deps can name it.

/** Where a comment was made: a repository, the compared commits (of a pull request, when there is one), a file. */
export interface CommentContext {
  repositoryName: string;
  pullRequestId?: string;
  beforeCommitId?: string;
  afterCommitId: string;
  beforeBlobId?: string;
  afterBlobId?: string;
  location?: Location;
}

/** A comment as stored: CodeCommit's Comment fields (dates in epoch seconds) and where it was made. */
export interface CommentDoc extends CommentContext {
  commentId: string;
  content: string;
  inReplyTo?: string;
  creationDate: number;
  lastModifiedDate: number;
  authorArn: string;
  deleted: boolean;
  clientRequestToken?: string;
  /** Each user's one reaction (its short code), by user ARN. */
  reactions?: Record<string, string>;
}
