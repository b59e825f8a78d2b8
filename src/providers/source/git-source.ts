import { join } from 'node:path';
import { archiveCommit, branchesAt, isCommitIdLike, isValidRefName, readCommit, resolveBranch, resolveCommit, type CommitInfo } from '../../git/index.js';
import type { ActionJob, ActionResult } from '../contract.js';
import { writeCloneRef } from './clone-ref.js';
import { sourceFailures } from './source-failures.js';

/** A git repository a source action reads: a name to report and a git directory on this machine. */
export interface LocalGitRepository {
  name: string;
  /** Usable as `git --git-dir`: a bare repository, or the `.git` folder of a checkout. */
  gitDir: string;
  /** The emulator's git smart HTTP URL of the repository, when it serves it. */
  cloneUrlHttp?: string;
}

/** The output artifact formats of git source actions. */
export const OutputArtifactFormat = { CODE_ZIP: 'CODE_ZIP', CODEBUILD_CLONE_REF: 'CODEBUILD_CLONE_REF' } as const;
/** An output artifact format of git source actions. */
export type OutputArtifactFormat = (typeof OutputArtifactFormat)[keyof typeof OutputArtifactFormat];

/** A commit a git source action took, and the branch it reports. */
export interface FetchedCommit {
  commit: CommitInfo;
  branch: string;
}

/** Formats epoch milliseconds as the ISO 8601 form AWS gives commit dates in, e.g. 2019-10-29T03:32:21Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The CommitMessage output variable is limited to 100 KB (CodePipeline quotas).
const MAX_MESSAGE_BYTES = 100 * 1024;

/** The commit message as an output variable: cut at 100 KB. */
export function messageVariable(message: string): string {
  const bytes = Buffer.from(message);
  return bytes.length <= MAX_MESSAGE_BYTES ? message : bytes.subarray(0, MAX_MESSAGE_BYTES).toString().replace(/\uFFFD$/, '');
}

/** Reads the output artifact format from configuration; CODE_ZIP when absent. */
export function outputFormat(configuration: Record<string, string>): OutputArtifactFormat {
  const format = configuration.OutputArtifactFormat ?? OutputArtifactFormat.CODE_ZIP;
  if (format !== OutputArtifactFormat.CODE_ZIP && format !== OutputArtifactFormat.CODEBUILD_CLONE_REF) throw sourceFailures.invalidFormat(format);
  return format;
}

async function overrideCommit(repo: LocalGitRepository, value: string): Promise<string> {
  if (!isCommitIdLike(value)) throw sourceFailures.invalidCommitId(value);
  const commitId = await resolveCommit(repo.gitDir, value.toLowerCase());
  if (!commitId) throw sourceFailures.missingCommit(repo.name, value);
  return commitId;
}

/**
 * Chooses the commit: the source revision override (COMMIT_ID) when given, else the head of the branch. With an
 * override, the branch reported is the configured one when its head is that commit, else a branch whose head is
 * (a V2 trigger may start a run for a push to another branch), else the configured one.
 */
export async function chooseCommit(job: ActionJob, repo: LocalGitRepository, branch: string): Promise<FetchedCommit> {
  if (!isValidRefName(branch)) throw sourceFailures.invalidBranch(branch);
  const override = job.sourceRevisionOverride;
  if (override && override.revisionType !== 'COMMIT_ID') throw sourceFailures.unsupportedOverride(override.revisionType);
  const head = await resolveBranch(repo.gitDir, branch);
  if (!override) {
    if (!head) throw sourceFailures.missingBranch(repo.name, branch);
    return { commit: await readCommit(repo.gitDir, head), branch };
  }
  const commitId = await overrideCommit(repo, override.revisionValue);
  const reported = head === commitId ? branch : ((await branchesAt(repo.gitDir, commitId))[0] ?? branch);
  return { commit: await readCommit(repo.gitDir, commitId), branch: reported };
}

/** Writes the output artifact of a git source action in the configured format and returns its file. */
export async function writeGitArtifact(job: ActionJob, repo: LocalGitRepository, fetched: FetchedCommit, format: OutputArtifactFormat, repositoryName: string): Promise<string> {
  const outFile = join(job.workDir, 'source.zip');
  if (format === OutputArtifactFormat.CODEBUILD_CLONE_REF) {
    writeCloneRef(outFile, {
      cloneUrl: repo.gitDir,
      commitId: fetched.commit.commitId,
      branch: fetched.branch,
      repositoryName,
      ...(repo.cloneUrlHttp ? { cloneUrlHttp: repo.cloneUrlHttp } : {}),
    });
  } else {
    await archiveCommit({ gitDir: repo.gitDir, commitId: fetched.commit.commitId, outFile, scratchDir: job.workDir });
  }
  return outFile;
}

/** Builds the result of a git source action: the artifact under every output name, the variables and the revision. */
export function gitResult(job: ActionJob, file: string, fetched: FetchedCommit, outputVariables: Record<string, string>, revisionSummary: string): ActionResult {
  const { commit } = fetched;
  return {
    summary: commit.message,
    // The reference's GetPipelineState example shows a source action's external execution id as its commit id.
    externalExecutionId: commit.commitId,
    outputArtifacts: Object.fromEntries(job.outputArtifactNames.map((name) => [name, file])),
    outputVariables,
    revision: { revisionId: commit.commitId, revisionChangeId: commit.commitId, summary: revisionSummary, createdMs: commit.committer.ms },
  };
}
