import { join } from 'node:path';
import { cloneUrlHttp } from '../api/codecommit/index.js';
import { CodeCommitSourceProvider, ConnectionSourceProvider, S3SourceProvider, type RepositoryFinder } from '../providers/source/index.js';
import { ConnectionMirrors, S3VersionCache, SourceChangeDetector, type ReferencesChanged } from '../sources/index.js';
import { RepositoryStore, SourceWatchStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';
import { withRevisionLinks } from './revision-links.js';

/**
 * Builds source actions and change detection: CodeCommit, CodeStarSourceConnection and S3 sources, watched for
 * changes; every repository's branch and tag changes go to `onReferencesChanged` when given.
 */
export function sourceDetectionFeature(ctx: FeatureContext, onReferencesChanged?: ReferencesChanged): FeatureModule {
  const repositories = new RepositoryStore(ctx.db);
  const defaultScope = { account: ctx.config.account, region: ctx.config.region };
  const findRepository: RepositoryFinder = async (scope, name) => {
    const record = repositories.get({ account: scope.account, region: scope.region }, name);
    return record && { name: record.name, gitDir: record.gitDir, cloneUrlHttp: cloneUrlHttp({ baseUrl: ctx.baseUrl, defaultScope }, record, record.name) };
  };
  const mirrors = new ConnectionMirrors(join(ctx.config.dataDir, 'connections'));
  const versions = new S3VersionCache(join(ctx.config.dataDir, 's3-versions'));
  const detector = new SourceChangeDetector({
    pipelines: ctx.pipelines,
    state: new SourceWatchStore(ctx.db),
    repositories: () => repositories.all().map((r) => ({ account: r.account, region: r.region, name: r.name, gitDir: r.gitDir, repositoryId: r.repositoryId })),
    mirrors,
    versions,
    s3: ctx.s3,
    engine: ctx.engine,
    events: ctx.events,
    clock: ctx.clock,
    log: ctx.log.child({ component: 'source-detection' }),
    ...(onReferencesChanged ? { onReferencesChanged } : {}),
  });
  return {
    providers: [
      withRevisionLinks(new CodeCommitSourceProvider({ findRepository }), ctx.baseUrl),
      new ConnectionSourceProvider({ findRepository, mirrors }),
      withRevisionLinks(new S3SourceProvider({ s3: ctx.s3, versions }), ctx.baseUrl),
    ],
    start: () => detector.start(),
    close: () => detector.close(),
  };
}
