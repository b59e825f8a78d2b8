import { picomatch } from './glob.js';
import type { BuildspecCache } from './buildspec.js';
import { shellQuote } from './shell-quote.js';

/** Where the project's cache volume is mounted in the build container (CodeBuild's local cache folder). */
export const CACHE_MOUNT = '/codebuild/local-cache';

/** The Docker volume holding a project's cache (LOCAL and S3 caches alike). */
export function cacheVolumeName(scope: { account: string; region: string }, projectName: string): string {
  return `codepipeline-local-cache-${scope.account}-${scope.region}-${projectName}`;
}

/** One cached folder: where it is in the build, and where its copy lives in the cache volume. */
export interface CachedFolder {
  path: string;
  /** Relative to the volume; relative paths are keyed by their path under CODEBUILD_SRC_DIR, which changes per build. */
  key: string;
}

/** The cached folders of a buildspec, and the paths that cannot be cached locally. */
export interface CachePlan {
  folders: CachedFolder[];
  skipped: string[];
}

/**
 * Turns `cache: paths` into folders: `/root/.m2/**\/*` and `node_modules/**\/*` name the folders `/root/.m2` and
 * `$CODEBUILD_SRC_DIR/node_modules`. A local cache holds folders only, so a path with a glob before its last
 * segments is skipped.
 */
export function planCache(cache: BuildspecCache | undefined, srcDir: string): CachePlan {
  const folders: CachedFolder[] = [];
  const skipped: string[] = [];
  for (const raw of cache?.paths ?? []) {
    const folder = raw.trim().replace(/(\/\*\*)?(\/\*)?\/?$/, '').replace(/^\.\//, '');
    if (folder === '' || folder === '.' || picomatch().scan(folder).isGlob || folder.split('/').includes('..')) {
      skipped.push(raw);
      continue;
    }
    if (folder.startsWith('/')) folders.push({ path: folder, key: `absolute${folder}` });
    else folders.push({ path: `${srcDir}/${folder}`, key: `source/${folder}` });
  }
  return { folders, skipped };
}

/** A shell script copying the cached folders from the volume into the build (those never saved are left alone). */
export function restoreScript(folders: readonly CachedFolder[]): string {
  return folders
    .map(({ path, key }) => {
      const from = shellQuote(`${CACHE_MOUNT}/${key}`);
      return `if [ -d ${from} ]; then mkdir -p ${shellQuote(path)} && cp -a ${from}/. ${shellQuote(path)}/ && echo ${shellQuote(`Restored cache ${path}`)}; fi`;
    })
    .join('\n');
}

/**
 * A shell script copying the cached folders into the volume; each copy is made aside and then swapped in,
 * so a build reading the cache at the same time sees the old copy or the new one, never half of one.
 */
export function saveScript(folders: readonly CachedFolder[], token: string): string {
  return folders
    .map(({ path, key }) => {
      const target = `${CACHE_MOUNT}/${key}`;
      const staging = shellQuote(`${target}.saving-${token}`);
      return [
        `if [ -d ${shellQuote(path)} ]; then`,
        `  rm -rf ${staging} && mkdir -p ${staging} && cp -a ${shellQuote(path)}/. ${staging}/ &&`,
        `  rm -rf ${shellQuote(target)} && mv ${staging} ${shellQuote(target)} && echo ${shellQuote(`Saved cache ${path}`)}`,
        'fi',
      ].join('\n');
    })
    .join('\n');
}
