/**
 * The CodeCommit source action (Source/AWS/CodeCommit/1) over local git repositories.
 *
 * LIMITATIONS:
 * - The repository is a local one (created through the CodeCommit API or registered with --repo); there is no
 *   IAM check, so the "insufficient permissions" failures of AWS never happen.
 * - CODE_ZIP holds the commit's tree exactly (export-ignore and export-subst attributes are ignored); submodules
 *   are left out, as `git archive` leaves them. Files keep their mode and symlinks stay symlinks.
 * - CODEBUILD_CLONE_REF writes a codepipeline-local reference file (see clone-ref.ts), not AWS's internal format;
 *   only codepipeline-local's CodeBuild action understands it.
 * - PollForSourceChanges only chooses the trigger type change detection records (see src/sources/); there is
 *   no polling interval and no EventBridge rule to create.
 * - The revision URL (the CodeCommit console link) is not reported.
 */
import { findActionType, type ActionTypeDefinition } from '../../model/index.js';
import type { ActionContext, ActionJob, ActionProvider, ActionResult } from '../contract.js';
import { untilAborted } from './abortable.js';
import { chooseCommit, gitResult, isoSeconds, messageVariable, outputFormat, writeGitArtifact, type LocalGitRepository } from './git-source.js';
import { sourceFailures } from './source-failures.js';

/** Finds a local repository by name in an account and region; undefined when there is none. */
export type RepositoryFinder = (scope: { account: string; region: string }, name: string) => Promise<LocalGitRepository | undefined>;

/** What the CodeCommit source provider needs: a way to find repositories. */
export interface CodeCommitSourceDeps {
  findRepository: RepositoryFinder;
}

/** The CodeCommit source action type, as the built-in catalog declares it. */
export const CODECOMMIT_SOURCE_TYPE: ActionTypeDefinition = findActionType({ category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' })!;

/** The CodeCommit source provider: zips (or references) the branch head or the requested commit of a local repository. */
export class CodeCommitSourceProvider implements ActionProvider {
  readonly type = CODECOMMIT_SOURCE_TYPE;

  constructor(private readonly deps: CodeCommitSourceDeps) {}

  run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    return untilAborted(ctx, () => this.fetch(job));
  }

  private async fetch(job: ActionJob): Promise<ActionResult> {
    const { RepositoryName: name = '', BranchName: branch = '' } = job.configuration;
    const format = outputFormat(job.configuration);
    const repo = await this.deps.findRepository(job, name);
    if (!repo) throw sourceFailures.missingRepository(name);
    const fetched = await chooseCommit(job, repo, branch);
    const file = await writeGitArtifact(job, repo, fetched, format, name);
    const { commit } = fetched;
    const variables = {
      CommitId: commit.commitId,
      CommitMessage: messageVariable(commit.message),
      AuthorDate: isoSeconds(commit.author.ms),
      CommitterDate: isoSeconds(commit.committer.ms),
      BranchName: fetched.branch,
      RepositoryName: name,
    };
    return gitResult(job, file, fetched, variables, commit.message);
  }
}
