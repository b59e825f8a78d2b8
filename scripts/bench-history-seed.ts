/**
 * Fills a data directory with pipeline history for bench:history, through the store's own repositories:
 * pipelines of 3 stages (Source: 1 action, Build: 2 parallel actions, Deploy: 1 action) and finished executions
 * with their stage and action executions, interleaved across pipelines as a busy account's would be.
 */
import { randomUUID } from 'node:crypto';
import { withDefaults, type ActionExecutionRecord, type ActionTypeId, type PipelineDeclaration, type PipelineExecutionRecord } from '../src/model/index.js';
import { ActionExecutionStore, ExecutionStore, openDatabase, PipelineStore, type Scope } from '../src/store/index.js';

/** The account and region the emulator gives a request with the default credentials. */
export const SCOPE: Scope = { account: '000000000000', region: 'us-east-1' };
const ROLE = `arn:aws:iam::${SCOPE.account}:role/cp`;
const BUCKET = 'codepipeline-us-east-1-history';
const START_MS = Date.UTC(2025, 0, 1);
const BATCH = 10_000; // executions per transaction: large enough to be fast, small enough to report progress

/** How much history to make; every `hotEvery`-th execution goes to the hot pipeline, the rest round-robin to the others. */
export interface HistoryShape { pipelines: number; executions: number; hotEvery: number }

/** The name of the pipeline with the most executions. */
export const HOT_PIPELINE = 'history-0000';

const SOURCE: ActionTypeId = { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' };
const BUILD: ActionTypeId = { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' };
const DEPLOY: ActionTypeId = { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' };

function declaration(name: string): PipelineDeclaration {
  return withDefaults(
    {
      name,
      roleArn: ROLE,
      artifactStore: { type: 'S3', location: BUCKET },
      pipelineType: 'V2',
      executionMode: 'QUEUED',
      stages: [
        { name: 'Source', actions: [{ name: 'Source', actionTypeId: SOURCE, configuration: { RepositoryName: name, BranchName: 'main', PollForSourceChanges: 'false' }, outputArtifacts: [{ name: 'Src' }] }] },
        {
          name: 'Build',
          actions: ['Unit', 'Package'].map((a) => ({ name: a, actionTypeId: BUILD, configuration: { ProjectName: `${name}-${a.toLowerCase()}` }, inputArtifacts: [{ name: 'Src' }], outputArtifacts: [{ name: `${a}Out` }] })),
        },
        { name: 'Deploy', actions: [{ name: 'Deploy', actionTypeId: DEPLOY, configuration: { ApplicationName: name, DeploymentGroupName: 'prod' }, inputArtifacts: [{ name: 'PackageOut' }] }] },
      ],
    },
    1,
  );
}

interface Run { execution: PipelineExecutionRecord; failed: boolean; commit: string }

function executionOf(pipelineName: string, i: number): Run {
  const commit = randomUUID().replace(/-/g, '') + '00000000';
  const failed = i % 10 === 7;
  const startMs = START_MS + i * 60_000;
  const execution: PipelineExecutionRecord = {
    id: randomUUID(), ...SCOPE, pipelineName, pipelineVersion: 1,
    status: failed ? 'Failed' : 'Succeeded',
    ...(failed ? { statusSummary: 'Build failed: Unit' } : {}),
    executionMode: 'QUEUED', executionType: 'STANDARD',
    trigger: { triggerType: 'CloudWatchEvent', triggerDetail: `arn:aws:events:${SCOPE.region}:${SCOPE.account}:rule/codepipeline-${pipelineName}` },
    variables: [],
    sourceOverrides: [],
    artifactRevisions: [{ name: 'Src', revisionId: commit, revisionSummary: `Commit ${i}`, created: startMs - 5000 }],
    sourceRevisions: [{ actionName: 'Source', revisionId: commit, revisionSummary: `Commit ${i}` }],
    startMs,
    updatedMs: startMs + 240_000,
  };
  return { execution, failed, commit };
}

function actionOf(run: Run, declared: PipelineDeclaration, stageName: string, actionName: string, status: ActionExecutionRecord['status']): ActionExecutionRecord {
  const action = declared.stages.find((s) => s.name === stageName)!.actions.find((a) => a.name === actionName)!;
  const { execution: e } = run;
  const artifact = (name: string) => ({ name, s3location: { bucket: BUCKET, key: `${e.pipelineName}/${name}/${e.id.slice(0, 8)}` } });
  return {
    id: randomUUID(), executionId: e.id, ...SCOPE, pipelineName: e.pipelineName, pipelineVersion: 1, stageName, actionName, status,
    ...(status === 'Failed' ? { errorDetails: { code: 'JobFailed', message: 'Build failed: exit status 1' } } : {}),
    externalExecutionId: randomUUID(),
    ...(stageName === 'Source'
      ? { revision: { revisionId: run.commit, revisionChangeId: run.commit, createdMs: e.startMs - 5000, summary: 'Commit' } }
      : {}),
    input: {
      actionTypeId: action.actionTypeId, configuration: action.configuration ?? {}, resolvedConfiguration: action.configuration ?? {},
      region: SCOPE.region, inputArtifacts: (action.inputArtifacts ?? []).map((a) => artifact(a.name)),
    },
    output: { outputArtifacts: (action.outputArtifacts ?? []).map((a) => artifact(a.name)), outputVariables: stageName === 'Source' ? { CommitId: run.commit, BranchName: 'main' } : {} },
    startMs: e.startMs,
    updatedMs: e.updatedMs,
  };
}

/** Creates the pipelines and their executions; returns the hot pipeline's execution ids, oldest first. */
export function seedHistory(dataDir: string, shape: HistoryShape, progress: (message: string) => void): string[] {
  const db = openDatabase(dataDir);
  const pipelines = new PipelineStore(db);
  const executions = new ExecutionStore(db);
  const actions = new ActionExecutionStore(db);
  const names = Array.from({ length: shape.pipelines }, (_, i) => `history-${String(i).padStart(4, '0')}`);
  const declarations = new Map(names.map((n) => [n, declaration(n)]));
  db.transaction(() => {
    for (const name of names) pipelines.create(SCOPE, declarations.get(name)!, START_MS, { arn: `arn:aws:codepipeline:${SCOPE.region}:${SCOPE.account}:${name}`, tags: [] });
  })();
  const hot: string[] = [];
  let other = 0;
  const one = (i: number) => {
    const name = i % shape.hotEvery === 0 || names.length === 1 ? HOT_PIPELINE : names[1 + (other++ % (names.length - 1))];
    const run = executionOf(name, i);
    if (name === HOT_PIPELINE) hot.push(run.execution.id);
    executions.insert(run.execution);
    const stage = (stageName: string, status: 'Succeeded' | 'Failed') =>
      executions.saveStage(SCOPE, name, { executionId: run.execution.id, stageName, status, manualRetryAttempt: 0, autoRetryAttempt: 0, startMs: run.execution.startMs, updatedMs: run.execution.updatedMs }, true);
    const declared = declarations.get(name)!;
    actions.insert(actionOf(run, declared, 'Source', 'Source', 'Succeeded'));
    stage('Source', 'Succeeded');
    actions.insert(actionOf(run, declared, 'Build', 'Unit', run.failed ? 'Failed' : 'Succeeded'));
    actions.insert(actionOf(run, declared, 'Build', 'Package', 'Succeeded'));
    stage('Build', run.failed ? 'Failed' : 'Succeeded');
    if (run.failed) return;
    actions.insert(actionOf(run, declared, 'Deploy', 'Deploy', 'Succeeded'));
    stage('Deploy', 'Succeeded');
  };
  for (let from = 0; from < shape.executions; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(from + BATCH, shape.executions); i++) one(i);
    })();
    progress(`seeded ${Math.min(from + BATCH, shape.executions)} of ${shape.executions} executions`);
  }
  db.close();
  return hot;
}
