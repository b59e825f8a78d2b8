import { CreatePullRequestCommand, CreateRepositoryCommand, type CodeCommitClient, type PullRequest } from '@aws-sdk/client-codecommit';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import type { TestEmulatorHandle } from './emulator.js';
import { commitFile, git, tempDir } from './git.js';
import { uniqueName } from './pipelines.js';

/** A CodeCommit repository with a clone whose main branch has one commit, for opening pull requests from branches. */
export interface PullRequestRepository {
  repositoryName: string;
  /** The clone's folder and the folder it sits in. */
  clone: string;
  work: string;
  /** The commit on main that every branch starts from (set once the repository is made). */
  base(): string;
  /** Pushes a new branch from the base with one file, and opens a pull request from it into main. */
  openFrom(branch: string, path?: string): Promise<{ commitId: string; pullRequest: PullRequest }>;
}

/** Makes the repository and its clone before the tests of the enclosing describe block, through the emulator's client. */
export function usePullRequestRepository(emulator: TestEmulatorHandle<CodeCommitClient>, prefix: string): PullRequestRepository {
  const work = tempDir();
  const clone = join(work, 'clone');
  const repositoryName = uniqueName(prefix);
  let base = '';
  beforeAll(async () => {
    const url = (await emulator.client.send(new CreateRepositoryCommand({ repositoryName }))).repositoryMetadata!.cloneUrlHttp!;
    await git(work, 'clone', '--quiet', url, clone);
    await git(clone, 'checkout', '--quiet', '-b', 'main');
    base = await commitFile(clone, 'README.md', '# app\n', 'base');
    await git(clone, 'push', '--quiet', 'origin', 'main');
  });
  return {
    repositoryName,
    clone,
    work,
    base: () => base,
    async openFrom(branch, path = `${branch}.txt`) {
      await git(clone, 'checkout', '--quiet', '-b', branch, base);
      const commitId = await commitFile(clone, path, `${branch}\n`, `${branch}: ${path}`);
      await git(clone, 'push', '--quiet', 'origin', branch);
      const out = await emulator.client.send(new CreatePullRequestCommand({ title: `Merge ${branch}`, targets: [{ repositoryName, sourceReference: branch }] }));
      return { commitId, pullRequest: out.pullRequest! };
    },
  };
}
