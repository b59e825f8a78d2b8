import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionExecutionRecord, StageExecutionRecord } from '../../src/model/index.js';
import { ActionExecutionStore, ExecutionStore, openDatabase, type Db } from '../../src/store/index.js';
import { freshDataDir, removeFreshDataDirs } from '../helpers/emulator.js';

const scope = { account: '000000000000', region: 'us-east-1' };
const PIPELINE = 'history';

function action(executionId: string, stageName: string, actionName: string, extra: Partial<ActionExecutionRecord> = {}): ActionExecutionRecord {
  return {
    id: randomUUID(), executionId, ...scope, pipelineName: PIPELINE, pipelineVersion: 1, stageName, actionName, status: 'Succeeded',
    input: { actionTypeId: { category: 'Build', owner: 'Custom', provider: 'LocalTest', version: '1' }, configuration: {}, resolvedConfiguration: {}, region: scope.region, inputArtifacts: [] },
    output: { outputArtifacts: [], outputVariables: {} },
    startMs: 0, updatedMs: 0, ...extra,
  };
}

function stage(executionId: string, stageName: string, status: StageExecutionRecord['status'] = 'Succeeded'): StageExecutionRecord {
  return { executionId, stageName, status, manualRetryAttempt: 0, autoRetryAttempt: 0, startMs: 0, updatedMs: 0 };
}

const revision = (id: string) => ({ revisionId: id, revisionChangeId: id, createdMs: 0 });

describe('execution history reads', () => {
  let db: Db;
  let actions: ActionExecutionStore;
  let executions: ExecutionStore;
  beforeEach(() => {
    db = openDatabase(freshDataDir());
    actions = new ActionExecutionStore(db);
    executions = new ExecutionStore(db);
  });
  afterEach(() => {
    db.close();
    removeFreshDataDirs();
  });

  describe('ActionExecutionStore.latestPerAction', () => {
    it('gives each stage and action its last action execution, also one that ran only long ago', () => {
      const first = action('e1', 'Deploy', 'Old');
      actions.insert(first);
      for (let i = 0; i < 20; i++) ['Unit', 'Package'].forEach((a) => actions.insert(action(`e${i + 2}`, 'Build', a)));
      const last = action('e99', 'Build', 'Unit', { status: 'Failed' });
      actions.insert(last);
      const latest = actions.latestPerAction(scope, PIPELINE);
      expect([...latest.keys()].sort()).toEqual(['Build/Package', 'Build/Unit', 'Deploy/Old']);
      expect(latest.get('Build/Unit')).toEqual(last);
      expect(latest.get('Deploy/Old')).toEqual(first);
      expect(latest.get('Build/Package')!.executionId).toBe('e21');
    });
  });

  describe('ActionExecutionStore.latestRevisions', () => {
    it('gives the last succeeded revision per action however many action executions came after it', () => {
      actions.insert(action('e1', 'Source', 'Source', { revision: revision('old') }));
      actions.insert(action('e2', 'Source', 'Source', { revision: revision('kept') }));
      // Later failures carry a revision too, and many later actions carry none: neither is the current revision.
      actions.insert(action('e3', 'Source', 'Source', { status: 'Failed', revision: revision('failed') }));
      for (let i = 0; i < 600; i++) actions.insert(action(`e${i + 4}`, 'Build', 'Unit'));
      const revisions = actions.latestRevisions(scope, PIPELINE);
      expect([...revisions.keys()]).toEqual(['Source/Source']);
      expect(revisions.get('Source/Source')!.revision!.revisionId).toBe('kept');
    });
  });

  describe('ActionExecutionStore.list', () => {
    it('pages one execution\'s action executions newest first, skipping the other executions\'', () => {
      const mine = ['A', 'B', 'C'].map((a) => action('mine', 'Build', a));
      mine.forEach((r) => {
        actions.insert(r);
        actions.insert(action('other', 'Build', r.actionName));
      });
      const first = actions.list(scope, PIPELINE, 'mine', Number.MAX_SAFE_INTEGER, 2);
      const second = actions.list(scope, PIPELINE, 'mine', first[1].seq, 2);
      expect([...first, ...second].map((r) => r.record)).toEqual([...mine].reverse());
      expect(actions.list(scope, PIPELINE, undefined, Number.MAX_SAFE_INTEGER, 10)).toHaveLength(6);
    });
  });

  describe('ExecutionStore.latestStages', () => {
    it('gives each stage the execution that entered it last, also an older one re-entering on retry', () => {
      executions.saveStage(scope, PIPELINE, stage('e1', 'Build', 'Failed'), true);
      executions.saveStage(scope, PIPELINE, stage('e1', 'Source'), true);
      executions.saveStage(scope, PIPELINE, stage('e2', 'Source'), true);
      executions.saveStage(scope, PIPELINE, stage('e2', 'Build'), true);
      executions.saveStage(scope, PIPELINE, stage('e1', 'Build', 'InProgress'), true);
      const latest = executions.latestStages(scope, PIPELINE);
      expect([...latest.keys()].sort()).toEqual(['Build', 'Source']);
      expect(latest.get('Build')).toEqual(stage('e1', 'Build', 'InProgress'));
      expect(latest.get('Source')!.executionId).toBe('e2');
      expect(executions.latestStages(scope, 'other').size).toBe(0);
    });
  });
});
