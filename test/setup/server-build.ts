import { ensureBuilt, SERVER_BUILD } from '../helpers/fresh-build.js';

/**
 * A vitest globalSetup that rebuilds the server bundle (dist/server/) when a source is newer, so the tests that start
 * `codepipeline-local` as a child process (test/helpers/child-server.ts) run today's code, compiled as users run it.
 */
export async function setup(): Promise<void> {
  await ensureBuilt(SERVER_BUILD);
}
