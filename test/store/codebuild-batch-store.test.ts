import { afterAll, describe, expect, it } from 'vitest';
import { BatchService, type BuildService } from '../../src/codebuild/index.js';
import { newBatchRecord } from '../../src/codebuild/batch-record.js';
import type { CodeBuildProject } from '../../src/model/index.js';
import { randomIds, silentLogger } from '../../src/shared/index.js';
import { CodeBuildBatchStore, openDatabase } from '../../src/store/index.js';
import { freshDataDir, removeFreshDataDirs } from '../helpers/fresh-data-dir.js';

afterAll(removeFreshDataDirs);

const SCOPE = { account: '000000000000', region: 'us-east-1' };
const PROJECT = {
  name: 'web',
  arn: 'arn:aws:codebuild:us-east-1:000000000000:project/web',
  source: { type: 'NO_SOURCE', buildspec: 'version: 0.2' },
  artifacts: { type: 'NO_ARTIFACTS' },
  cache: { type: 'NO_CACHE' },
  environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
  serviceRole: 'arn:aws:iam::000000000000:role/r',
  timeoutInMinutes: 60,
  queuedTimeoutInMinutes: 480,
  encryptionKey: 'arn:aws:kms:us-east-1:000000000000:alias/aws/s3',
} as CodeBuildProject;

function batch(store: CodeBuildBatchStore, uuid: string, nowMs: number) {
  return newBatchRecord({ scope: SCOPE, project: PROJECT, request: {}, batchNumber: store.nextBatchNumber(SCOPE, 'web'), uuid, nowMs, initiator: 'root', buildBatchConfig: {} });
}

describe('CodeBuildBatchStore (migration 28)', () => {
  it('numbers batches per project, lists them by status and order, and keeps numbers after a delete', () => {
    const db = openDatabase(freshDataDir());
    const store = new CodeBuildBatchStore(db);
    const first = batch(store, 'u1', 1);
    store.insert(first);
    const second = batch(store, 'u2', 2);
    store.insert(second);
    expect([first.buildBatchNumber, second.buildBatchNumber]).toEqual([1, 2]);
    store.save({ ...first, buildBatchStatus: 'SUCCEEDED', complete: true });
    expect(store.listIds(SCOPE, {})).toEqual(['web:u2', 'web:u1']);
    expect(store.listIds(SCOPE, { order: 'ASCENDING', status: 'SUCCEEDED' })).toEqual(['web:u1']);
    expect(store.listIds({ ...SCOPE, region: 'eu-west-1' }, {})).toEqual([]);
    expect(store.get('web:u1', { ...SCOPE, region: 'eu-west-1' })).toBeUndefined();
    store.delete('web:u2');
    expect(batch(store, 'u3', 3).buildBatchNumber).toBe(2);
    db.close();
  });

  it('ends as FAILED the batches an earlier process left running', () => {
    const db = openDatabase(freshDataDir());
    const store = new CodeBuildBatchStore(db);
    store.insert(batch(store, 'left', 1));
    // recover() reads and writes only the store; no build runs.
    const service = new BatchService({ store, builds: {} as BuildService, clock: { now: () => 5000 }, ids: randomIds, log: silentLogger(), sources: { s3: {} as never, repository: () => undefined }, s3: {} as never, workRoot: freshDataDir(), concurrentBuilds: 2 });
    expect(service.recover()).toEqual(['web:left']);
    const ended = store.get('web:left', SCOPE)!;
    expect(ended).toMatchObject({ buildBatchStatus: 'FAILED', currentPhase: 'FAILED', complete: true, endMs: 5000 });
    expect(ended.phases.map((p) => [p.phaseType, p.phaseStatus, p.contexts])).toEqual([
      ['SUBMITTED', 'FAILED', [{ statusCode: 'BUILD_INTERRUPTED', message: 'codepipeline-local stopped while the batch was running' }]],
      ['FAILED', undefined, undefined],
    ]);
    expect(store.active()).toEqual([]);
    db.close();
  });
});
