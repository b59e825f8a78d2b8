/**
 * The CodeStarSourceConnection source action (Source/AWS/CodeStarSourceConnection/1: GitHub, Bitbucket, GitLab
 * through a connection), over local git repositories.
 *
 * Where the repository comes from (codepipeline-local's mapping):
 * - `FullRepositoryId` `owner/name` names the local repository called `name` (its last segment) in the action's
 *   account and region: a repository created with CodeCommit's CreateRepository or a checkout registered with
 *   `--repo name=PATH`. The owner is not checked.
 * - `FullRepositoryId` given as a git URL this machine can fetch (https://, ssh://, git://, file:// or
 *   user@host:path) is mirrored under the data directory (`git clone --mirror`) and fetched before each run.
 *
 * LIMITATIONS:
 * - The connection is not checked: any well-formed ConnectionArn works, and no connection status (PENDING,
 *   AVAILABLE) is emulated. The repository provider is not known, so revision summaries say "GitHub" unless the
 *   URL's host is bitbucket.org or gitlab.com.
 * - Pull-request triggers are not emulated (there are no pull requests locally); push triggers are.
 * - A URL source is polled by change detection (a fetch every few seconds), not notified by a webhook.
 * - CODEBUILD_CLONE_REF writes a codepipeline-local reference file (see clone-ref.ts), not AWS's format.
 * - The revision URL (a link to the commit on the provider's site) is not reported.
 */
import { findActionType, type ActionTypeDefinition } from '../../model/index.js';
import { parseArn } from '../../shared/index.js';
import type { ActionContext, ActionJob, ActionProvider, ActionResult } from '../contract.js';
import { untilAborted } from './abortable.js';
import type { RepositoryFinder } from './codecommit.js';
import { connectionRepositoryName, isGitUrl, type ConnectionMirrors } from '../../sources/index.js';
import { chooseCommit, gitResult, isoSeconds, messageVariable, outputFormat, writeGitArtifact, type LocalGitRepository } from './git-source.js';
import { sourceFailures } from './source-failures.js';

/** What the CodeStarSourceConnection provider needs: local repositories by name, and mirrors of URLs. */
export interface ConnectionSourceDeps {
  findRepository: RepositoryFinder;
  mirrors: ConnectionMirrors;
}

/** The CodeStarSourceConnection source action type, as the built-in catalog declares it. */
export const CONNECTION_SOURCE_TYPE: ActionTypeDefinition = findActionType({ category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' })!;

/** Tells whether a ConnectionArn names a connection: `arn:aws:codestar-connections|codeconnections:<region>:<account>:connection/<id>`. */
function isConnectionArn(text: string): boolean {
  const arn = parseArn(text, { service: ['codestar-connections', 'codeconnections'], accountId: true });
  return !!arn && /^[a-z0-9-]+$/.test(arn.region) && /^connection\/[A-Za-z0-9-]+$/.test(arn.resource);
}

/** The provider type a revision summary names, from the repository URL's host when there is one. */
function providerType(fullRepositoryId: string): string {
  if (/bitbucket\.org[/:]/i.test(fullRepositoryId)) return 'Bitbucket';
  if (/gitlab\.com[/:]/i.test(fullRepositoryId)) return 'GitLab';
  return 'GitHub';
}

/** The CodeStarSourceConnection provider: zips (or references) the branch head or the requested commit. */
export class ConnectionSourceProvider implements ActionProvider {
  readonly type = CONNECTION_SOURCE_TYPE;

  constructor(private readonly deps: ConnectionSourceDeps) {}

  run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    return untilAborted(ctx, () => this.fetch(job));
  }

  /** Finds (or mirrors) the repository a FullRepositoryId names; undefined when no local repository has its name. */
  async repository(scope: { account: string; region: string }, fullRepositoryId: string): Promise<LocalGitRepository | undefined> {
    if (isGitUrl(fullRepositoryId)) return { name: fullRepositoryId, gitDir: await this.deps.mirrors.refresh(fullRepositoryId) };
    return this.deps.findRepository(scope, connectionRepositoryName(fullRepositoryId));
  }

  private async fetch(job: ActionJob): Promise<ActionResult> {
    const { ConnectionArn: arn = '', FullRepositoryId: fullId = '', BranchName: branch = '' } = job.configuration;
    if (!isConnectionArn(arn)) throw sourceFailures.invalidConnectionArn(arn);
    const format = outputFormat(job.configuration);
    const repo = await this.repository(job, fullId);
    if (!repo) throw sourceFailures.missingConnectionRepository(fullId, connectionRepositoryName(fullId));
    const fetched = await chooseCommit(job, repo, branch);
    const file = await writeGitArtifact(job, repo, fetched, format, fullId);
    const { commit } = fetched;
    const variables = {
      AuthorDate: isoSeconds(commit.author.ms),
      BranchName: fetched.branch,
      CommitId: commit.commitId,
      CommitMessage: messageVariable(commit.message),
      ConnectionArn: arn,
      FullRepositoryName: fullId,
    };
    // Observed on AWS: connection sources report their revision summary as a small JSON document.
    const summary = JSON.stringify({ ProviderType: providerType(fullId), CommitMessage: commit.message });
    return gitResult(job, file, fetched, variables, summary);
  }
}
