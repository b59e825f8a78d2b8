import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { packagePath } from '../shared/index.js';

/**
 * The node arguments that run this same command line in a child process: the compiled bin when this code runs
 * from the build, and src/codepipeline-local.ts through tsx when it runs from source (tests), so a child never runs a stale build.
 */
export function cliEntry(): string[] {
  if (!import.meta.url.endsWith('.ts')) return [packagePath('bin/codepipeline-local.js')];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', tsx, packagePath('src/codepipeline-local.ts')];
}
