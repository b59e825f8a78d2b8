import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runGit } from '../git/index.js';

// The demo commits as itself: a machine without a git identity must work, and a user's signing setup must not prompt.
const IDENTITY = {
  GIT_AUTHOR_NAME: 'codepipeline-local demo',
  GIT_AUTHOR_EMAIL: 'demo@codepipeline-local.invalid',
  GIT_COMMITTER_NAME: 'codepipeline-local demo',
  GIT_COMMITTER_EMAIL: 'demo@codepipeline-local.invalid',
};
const NO_SIGNING = ['-c', 'commit.gpgsign=false'];
// What a build of the fixture leaves behind must not end up in the repository.
const NOT_COPIED = new Set(['dist', 'node_modules']);

/** The demo's git working copy of the sample app, pushed to the emulator's CodeCommit repository. */
export class DemoWorkingCopy {
  constructor(
    readonly dir: string,
    readonly branch: string,
  ) {}

  private async git(args: string[]): Promise<string> {
    return (await runGit(args, { cwd: this.dir, env: IDENTITY })).stdout.toString().trim();
  }

  /**
   * Makes the working copy ready: copies the sample app and commits it on the first run (or after a run
   * interrupted before its first commit), and points `origin` at the repository's clone URL.
   * Returns whether it was created now.
   */
  async prepare(sampleApp: string, cloneUrl: string): Promise<boolean> {
    const created = !existsSync(join(this.dir, '.git'));
    if (created) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(dirname(this.dir), { recursive: true });
      cpSync(sampleApp, this.dir, { recursive: true, filter: (src) => !NOT_COPIED.has(basename(src)) });
      await this.git(['init', '-q', '-b', this.branch]);
    }
    if (!(await this.head())) {
      await this.git(['add', '-A']);
      await this.git([...NO_SIGNING, 'commit', '-q', '-m', 'The sample app of codepipeline-local']);
    }
    const current = await this.git(['rev-parse', '--abbrev-ref', 'HEAD']);
    if (current !== this.branch) throw new Error(`the working copy ${this.dir} is on branch ${current}; check out ${this.branch} there (git -C ${this.dir} checkout ${this.branch})`);
    const hasOrigin = (await runGit(['remote', 'get-url', 'origin'], { cwd: this.dir, allowFailure: true })).code === 0;
    // The port may differ from the last run's, so the URL is set every time.
    await this.git(['remote', hasOrigin ? 'set-url' : 'add', 'origin', cloneUrl]);
    return created;
  }

  /** The commit the branch points at, or undefined before the first commit. */
  async head(): Promise<string | undefined> {
    const result = await runGit(['rev-parse', '--verify', '-q', `refs/heads/${this.branch}`], { cwd: this.dir, allowFailure: true });
    return result.code === 0 ? result.stdout.toString().trim() : undefined;
  }

  /** Pushes the branch unless the repository already has its commit; returns the commit and whether it was pushed. */
  async push(): Promise<{ commit: string; pushed: boolean }> {
    const commit = (await this.head())!;
    const remote = (await this.git(['ls-remote', 'origin', `refs/heads/${this.branch}`])).split(/\s/)[0];
    if (remote === commit) return { commit, pushed: false };
    await this.git(['push', '-q', 'origin', `${this.branch}:${this.branch}`]);
    return { commit, pushed: true };
  }

  /** Writes a file of the working copy and commits that file alone; returns the new commit. */
  async commitFile(path: string, content: string, message: string): Promise<string> {
    writeFileSync(join(this.dir, path), content);
    await this.git(['add', '--', path]);
    await this.git([...NO_SIGNING, 'commit', '-q', '-m', message, '--', path]);
    return (await this.head())!;
  }
}
