import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Receives the lines of a build's log as they are written, and the end of the build. */
export interface LogFollower {
  line(text: string): void;
  end(): void;
}

/** Writes one build's log while it runs. */
export interface BuildLogWriter {
  /** Appends one line (secrets masked) and hands it to every follower. */
  line(text: string): void;
  /** Marks the log complete: followers are told and let go. */
  close(): void;
}

/** Replaces every known secret value in a line with `***`, as CodeBuild masks parameter-store and secrets-manager values. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

/** The last line of a log that reached its limit: where and why it was cut. */
export function cutNotice(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${+(maxBytes / (1024 * 1024)).toFixed(2)} MB` : `${maxBytes} bytes`;
  return `[codepipeline-local] The log was cut here: it reached ${size}, the build log limit (--build-log-max-mb). The build went on; its later output is not kept.`;
}

/**
 * The build logs: one text file per build under `<dir>/<project>/<build uuid>.log` (CloudWatch's group and
 * stream, in files), with live followers for logs still being written.
 */
export class BuildLogs {
  private readonly followers = new Map<string, Set<LogFollower>>();
  private readonly live = new Set<string>();

  private readonly maxBytes: number;

  /** `maxBytes`: the most of one build's log that is kept; unlimited when absent. */
  constructor(
    private readonly dir: string,
    options: { maxBytes?: number } = {},
  ) {
    this.maxBytes = options.maxBytes ?? Infinity;
  }

  /** The file holding a build's log; build ids are `<project>:<uuid>` and neither part holds a slash. */
  pathOf(buildId: string): string {
    const colon = buildId.indexOf(':');
    const project = buildId.slice(0, colon);
    const stream = buildId.slice(colon + 1);
    if (colon <= 0 || /[/\\]|^\.\.?$/.test(project) || /[/\\]|^\.\.?$/.test(stream)) throw new Error(`Not a build id: ${buildId}`);
    return join(this.dir, project, `${stream}.log`);
  }

  /** Starts a build's log; values in `secrets` never reach the file or a follower. */
  open(buildId: string, secrets: readonly string[] = []): BuildLogWriter {
    const path = this.pathOf(buildId);
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '');
    this.live.add(buildId);
    let written = 0;
    let cut = false;
    const write = (masked: string) => {
      const text = masked.endsWith('\n') ? masked : `${masked}\n`;
      // Written synchronously, so a follower that reads the file and then subscribes misses nothing.
      appendFileSync(path, text);
      written += Buffer.byteLength(text);
      for (const follower of this.followers.get(buildId) ?? []) follower.line(masked);
    };
    return {
      line: (text) => {
        if (cut) return;
        const masked = maskSecrets(text, secrets);
        if (written + Buffer.byteLength(masked) + 1 <= this.maxBytes) return write(masked);
        cut = true;
        write(cutNotice(this.maxBytes));
      },
      close: () => {
        this.live.delete(buildId);
        const followers = this.followers.get(buildId);
        this.followers.delete(buildId);
        for (const follower of followers ?? []) follower.end();
      },
    };
  }

  /** The whole log of a build so far, or undefined when it has none. */
  read(buildId: string): string | undefined {
    const path = this.pathOf(buildId);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  /** Whether a build's log is still being written. */
  isLive(buildId: string): boolean {
    return this.live.has(buildId);
  }

  /**
   * Sends the log so far as one chunk, then every new line until the build ends; returns a function that stops following.
   * A log that is not live is sent whole and ended at once.
   */
  follow(buildId: string, follower: LogFollower): () => void {
    const sofar = this.read(buildId) ?? '';
    if (sofar) follower.line(sofar.endsWith('\n') ? sofar.slice(0, -1) : sofar);
    if (!this.live.has(buildId)) {
      follower.end();
      return () => undefined;
    }
    const set = this.followers.get(buildId) ?? new Set<LogFollower>();
    set.add(follower);
    this.followers.set(buildId, set);
    return () => set.delete(follower);
  }

  /** Deletes a build's log. */
  remove(buildId: string): void {
    rmSync(this.pathOf(buildId), { force: true });
  }
}
