import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gitClient } from '../git/index.js';

// Only transports that fetch data; `ext::` and other helpers could run commands named in the URL.
const ALLOWED_PROTOCOLS = 'https:http:ssh:git:file';
const URL_LIKE = /^(?:(?:https?|ssh|git|file):\/\/|[\w.-]+@[\w.-]+:(?!\/\/))/i;

/** Tells whether a FullRepositoryId is a git URL (https://, ssh://, git://, file:// or user@host:path) rather than owner/name. */
export function isGitUrl(text: string): boolean {
  return URL_LIKE.test(text) && !text.startsWith('-');
}

/** The name of the local repository a FullRepositoryId `owner/name` maps to: its last segment. */
export function connectionRepositoryName(fullRepositoryId: string): string {
  return fullRepositoryId.split('/').filter(Boolean).pop() ?? '';
}

/**
 * Local mirrors of remote git repositories that CodeStarSourceConnection actions name by URL: one bare
 * `git clone --mirror` per URL under `dir`, fetched before each use. Fetches of one mirror never overlap.
 */
export class ConnectionMirrors {
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  /** The git directory that mirrors a URL (it may not exist yet). */
  pathFor(url: string): string {
    return join(this.dir, `${createHash('sha256').update(url).digest('hex').slice(0, 24)}.git`);
  }

  /** Clones the URL's mirror when missing, or fetches it; resolves with its git directory. */
  refresh(url: string): Promise<string> {
    const gitDir = this.pathFor(url);
    const previous = this.busy.get(gitDir) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.update(url, gitDir));
    this.busy.set(gitDir, next);
    void next.finally(() => this.busy.get(gitDir) === next && this.busy.delete(gitDir)).catch(() => undefined);
    return next;
  }

  private async update(url: string, gitDir: string): Promise<string> {
    const env = { GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS };
    if (existsSync(join(gitDir, 'HEAD'))) {
      await gitClient({ gitDir, env }).fetch(['--prune', '--quiet', 'origin']);
      return gitDir;
    }
    // Cloned beside and renamed into place, so a mirror that exists is always a whole one.
    mkdirSync(this.dir, { recursive: true });
    const partial = `${gitDir}.partial-${randomBytes(4).toString('hex')}`;
    try {
      // simple-git puts `--` before the URL, so it is never read as an option.
      await gitClient({ env }).clone(url, partial, ['--mirror', '--quiet']);
      await rename(partial, gitDir);
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
    return gitDir;
  }
}
