import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../../helpers/fresh-build.js';

/** The built console the server serves (dist/console/, as `npm run build:console` writes it). */
export const CONSOLE_DIST = join(ROOT, 'dist/console');

/**
 * Makes sure dist/console holds a build of the current console sources: builds it (as `npm run build:console`
 * does) when it is missing or older than a source file, so browser tests never run against a stale app.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  await ensureBuilt({
    script: 'build:console',
    // The console also bundles the pure files it shares with the server (CONSOLE_SHARED_FILES in .dependency-cruiser.cjs).
    sources: ['src/ui/app', 'src/ui/shared', 'src/model/execution-status.ts', 'src/shared/arn.ts', 'src/ui/vite.config.ts'],
    output: 'dist/console/index.html',
    command: ['node_modules/.bin/vite', 'build', '--config', 'src/ui/vite.config.ts'],
  });
}
