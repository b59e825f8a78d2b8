import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineEventBus, type StartOptions } from '../../src/engine/index.js';
import { withDefaults } from '../../src/model/index.js';
import { S3Storage } from '../../src/s3/index.js';
import { ConnectionMirrors, S3VersionCache } from '../../src/sources/index.js';
import { createLogger, silentLogger, systemClock } from '../../src/shared/index.js';
import { SourceChangeDetector } from '../../src/sources/index.js';
import { openDatabase, PipelineStore, SourceWatchStore, type Db } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait.js';
import { connectionSource, sourcePipeline } from './source-fixtures.js';

const scope = { account: '000000000000', region: 'us-east-1' };
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@e', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@e', GIT_CONFIG_NOSYSTEM: '1' };

describe('SourceChangeDetector', () => {
  let dir: string;
  let db: Db;
  let detector: SourceChangeDetector;
  const started: { pipelineName: string; options: StartOptions }[] = [];
  const git = (...args: string[]) => execFileSync('git', args, { cwd: join(dir, 'remote'), env: ENV }).toString().trim();
  const commit = (name: string) => {
    writeFileSync(join(dir, 'remote', name), name);
    git('add', name);
    git('commit', '--quiet', '-m', name);
    return git('rev-parse', 'HEAD');
  };

  beforeEach(() => {
    started.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'cpl-detector-'));
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', join(dir, 'remote')], { env: ENV });
    db = openDatabase(join(dir, 'data'));
  });
  afterEach(async () => {
    await detector?.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function startDetector(): Promise<void> {
    detector = new SourceChangeDetector({
      pipelines: new PipelineStore(db),
      state: new SourceWatchStore(db),
      repositories: () => [],
      mirrors: new ConnectionMirrors(join(dir, 'connections')),
      versions: new S3VersionCache(join(dir, 'versions')),
      s3: new S3Storage(join(dir, 's3'), Date.now),
      engine: {
        start: (_scope, pipelineName, options) => {
          started.push({ pipelineName, options });
          return { id: `run-${started.length}` } as never;
        },
      },
      events: new EngineEventBus(),
      clock: systemClock,
      log: process.env.DEBUG_DETECTOR ? createLogger({ level: 'debug' }) : silentLogger(),
      rescanIntervalMs: 50,
      mirrorPollMs: 100,
    });
    return detector.start();
  }

  describe('when a connection source names a git URL', () => {
    it('polls the remote and starts a run for a new head, none for the head it first fetched', async () => {
      commit('a');
      const decl = withDefaults(sourcePipeline('remote', connectionSource(`file://${join(dir, 'remote')}`)), 1);
      new PipelineStore(db).create(scope, decl, Date.now(), { arn: 'arn:aws:codepipeline:us-east-1:000000000000:remote', tags: [] });
      await startDetector();
      await waitFor(() => new SourceWatchStore(db).get(scope, 'remote', 'Source'), { description: 'the baseline after the first fetch' });
      const head = commit('b');
      await waitFor(() => started.length, { description: 'a run for the pushed commit' });
      expect(started).toEqual([
        { pipelineName: 'remote', options: { trigger: { triggerType: 'Webhook', triggerDetail: expect.stringContaining(':connection/') }, sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: head }] } },
      ]);
    });
  });

  describe('when a pipeline is created while it runs', () => {
    it('follows it at its next rescan', async () => {
      commit('a');
      await startDetector();
      const decl = withDefaults(sourcePipeline('late', connectionSource(`file://${join(dir, 'remote')}`)), 1);
      new PipelineStore(db).create(scope, decl, Date.now(), { arn: 'arn:aws:codepipeline:us-east-1:000000000000:late', tags: [] });
      await waitFor(() => new SourceWatchStore(db).get(scope, 'late', 'Source'), { description: 'the new pipeline followed' });
    });
  });
});
