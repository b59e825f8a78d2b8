/** The shapes of CodeCommit's JSON answers, as far as the console reads them (names as in the AWS API). */

/** A person and moment of a commit; `date` is `<epoch seconds> <±hhmm>`, as CodeCommit gives it. */
export interface UserInfo {
  name?: string;
  email?: string;
  date?: string;
}

/** A commit as GetCommit and BatchGetCommits answer it. */
export interface Commit {
  commitId?: string;
  treeId?: string;
  parents?: string[];
  message?: string;
  author?: UserInfo;
  committer?: UserInfo;
}

/** A repository as GetRepository answers it. */
export interface RepositoryMetadata {
  repositoryName?: string;
  repositoryId?: string;
  repositoryDescription?: string;
  defaultBranch?: string;
  lastModifiedDate?: number;
  creationDate?: number;
  cloneUrlHttp?: string;
  Arn?: string;
}

/** A file, folder, link or submodule entry of GetFolder. */
export interface FolderEntry {
  absolutePath?: string;
  relativePath?: string;
  blobId?: string;
  treeId?: string;
  commitId?: string;
  fileMode?: string;
}

/** GetFolder's answer: what a folder holds at a commit. */
export interface Folder {
  commitId: string;
  folderPath?: string;
  treeId?: string;
  subFolders?: FolderEntry[];
  files?: FolderEntry[];
  symbolicLinks?: FolderEntry[];
  subModules?: FolderEntry[];
}

/** GetFile's answer: a file's content (base64) at a commit. */
export interface FileAtCommit {
  commitId: string;
  blobId: string;
  filePath: string;
  fileMode?: string;
  fileSize?: number;
  fileContent: string;
}

/** One side of a changed file in GetDifferences. */
export interface BlobMetadata {
  blobId?: string;
  path?: string;
  mode?: string;
}

/** One changed file between two commits: added (A), modified (M) or deleted (D). */
export interface Difference {
  beforeBlob?: BlobMetadata;
  afterBlob?: BlobMetadata;
  changeType?: 'A' | 'M' | 'D';
}

/** How a pull request was merged, once it was. */
export interface MergeMetadata {
  isMerged?: boolean;
  mergedBy?: string;
  mergeCommitId?: string;
  mergeOption?: string;
}

/** The branches a pull request would merge, and their commits. */
export interface PullRequestTarget {
  repositoryName?: string;
  sourceReference?: string;
  destinationReference?: string;
  sourceCommit?: string;
  destinationCommit?: string;
  mergeBase?: string;
  mergeMetadata?: MergeMetadata;
}

/** An approval rule of a pull request, with its JSON content. */
export interface ApprovalRule {
  approvalRuleId?: string;
  approvalRuleName?: string;
  approvalRuleContent?: string;
  originApprovalRuleTemplate?: { approvalRuleTemplateId?: string; approvalRuleTemplateName?: string };
}

/** A pull request as GetPullRequest answers it. */
export interface PullRequest {
  pullRequestId: string;
  title?: string;
  description?: string;
  lastActivityDate?: number;
  creationDate?: number;
  pullRequestStatus?: 'OPEN' | 'CLOSED';
  authorArn?: string;
  revisionId?: string;
  pullRequestTargets?: PullRequestTarget[];
  approvalRules?: ApprovalRule[];
}

/** A comment; `deleted` comments keep their place but lose their content. */
export interface Comment {
  commentId?: string;
  content?: string;
  inReplyTo?: string;
  creationDate?: number;
  lastModifiedDate?: number;
  authorArn?: string;
  deleted?: boolean;
}

/** The comments of a pull request on one pair of commits, at one place of a file or on the whole change. */
export interface CommentsForPullRequest {
  beforeCommitId?: string;
  afterCommitId?: string;
  location?: { filePath?: string; filePosition?: number; relativeFileVersion?: 'BEFORE' | 'AFTER' };
  comments?: Comment[];
}

/** Who approved a pull request's revision, as GetPullRequestApprovalStates answers. */
export interface Approval {
  userArn?: string;
  approvalState?: 'APPROVE' | 'REVOKE';
}

/** EvaluatePullRequestApprovalRules' answer: which rules a revision meets. */
export interface Evaluation {
  revisionId?: string;
  approved?: boolean;
  overridden?: boolean;
  approvalRulesSatisfied?: string[];
  approvalRulesNotSatisfied?: string[];
}
