import type Dockerode from 'dockerode';

// How long a Docker engine has to answer a ping after a build failed on it, before it is taken as gone (ms).
const PING_TIMEOUT_MS = 5000;

/**
 * The PROVISIONING context message of a build whose Docker engine could not be reached (`--executor docker-host`):
 * which engine, what the socket said, and that the next build goes elsewhere. Wording inferred: CodeBuild has no
 * user-chosen engines, so AWS has no message for this.
 */
export function engineUnreachableMessage(host: string, why: string): string {
  return `Unable to reach the Docker engine ${host}: ${why.trim()}. The build was not started; the next build is placed on another engine`; // wording inferred
}

/** The context message of a build whose Docker engine went away while it ran. Wording inferred, as above. */
export function engineLostMessage(host: string, why: string): string {
  return `The Docker engine ${host} went away during the build: ${why.trim()}. The next build is placed on another engine`; // wording inferred
}

/** The engine a build runs on, as far as telling that it went away goes. */
export interface WatchedEngine {
  docker: Dockerode;
  failed?(error: unknown): string | undefined;
}

/**
 * Tells whether a build's failure came from its engine going away: the engine no longer answers a ping (the build's
 * agent ended with the engine). The failure's own error is not judged: it may come from elsewhere (a socket of the
 * build's own). Marks the engine unreachable and returns the reason when so; undefined when the engine is there or
 * the executor places nothing.
 */
export async function engineGone(engine: WatchedEngine): Promise<string | undefined> {
  if (engine.failed === undefined) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer to a ping within ${PING_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })), PING_TIMEOUT_MS);
    timer.unref();
  });
  try {
    await Promise.race([engine.docker.ping(), timeout]);
    return undefined;
  } catch (pingError) {
    return engine.failed(pingError);
  } finally {
    clearTimeout(timer);
  }
}
