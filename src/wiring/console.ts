import { join } from 'node:path';
import { packagePath } from '../shared/index.js';
import { ConsoleEventStream, registerConsoleRoutes } from '../ui/server/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Where `npm run build:console` (Vite, run at install) writes the app: dist/console/ at the package root. */
export const CONSOLE_DIST_DIR = packagePath('dist/console/');

/** Builds the web console: the single-page app served at /console/ and its live event stream. */
export function consoleFeature(ctx: FeatureContext): FeatureModule {
  const stream = new ConsoleEventStream({ events: ctx.events });
  return {
    routes(app) {
      registerConsoleRoutes(app, {
        distDir: CONSOLE_DIST_DIR,
        artifactsDir: ctx.config.s3Dir,
        olderArtifactsDir: join(ctx.config.dataDir, 'artifacts'),
        stream,
        context: { account: ctx.config.account, region: ctx.config.region },
      });
    },
    // Open event streams would keep the server from closing: end them first.
    async close() {
      stream.close();
    },
  };
}
