import { rmSync } from 'node:fs';
import type { ActionDeclaration, ActionExecutionRecord, ActionExecutionStatus, ArtifactDetail, StageDeclaration } from '../model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProgress, type ActionResult } from '../providers/contract.js';
import { resolveInputArtifacts, succeededActions, variableScope } from './action-inputs.js';
import { artifactBucketOf, recordSourceRevision, storeOutputs } from './action-outputs.js';
import type { Approvals } from './approvals.js';
import type { EngineCore, LiveExecution } from './engine-core.js';
import { resolveVariables } from './variables.js';

const ABANDONED = Symbol('abandoned');

/** Creates the record of a new action execution with its resolved input, and the job to hand its provider. */
function prepare(core: EngineCore, live: LiveExecution, stage: StageDeclaration, action: ActionDeclaration) {
  const succeeded = succeededActions(core, live.record);
  const inputs = resolveInputArtifacts(core, action, succeeded);
  const configuration = action.configuration ?? {};
  const resolution = resolveVariables(configuration, variableScope(live, succeeded));
  const now = core.clock.now();
  const record: ActionExecutionRecord = {
    id: core.ids.uuid(),
    executionId: live.record.id,
    account: live.record.account,
    region: live.record.region,
    pipelineName: live.record.pipelineName,
    pipelineVersion: live.record.pipelineVersion,
    stageName: stage.name,
    actionName: action.name,
    status: 'InProgress',
    input: {
      actionTypeId: action.actionTypeId,
      configuration,
      resolvedConfiguration: resolution.ok ? resolution.configuration : configuration,
      ...(action.roleArn ? { roleArn: action.roleArn } : {}),
      region: action.region ?? live.record.region,
      inputArtifacts: inputs.details,
      ...(action.namespace ? { namespace: action.namespace } : {}),
    },
    output: { outputArtifacts: [], outputVariables: {} },
    startMs: now,
    updatedMs: now,
  };
  return { record, resolution, inputs };
}

function problemOf(core: EngineCore, action: ActionDeclaration, prepared: ReturnType<typeof prepare>): ActionFailure | undefined {
  if (!prepared.resolution.ok) {
    return new ActionFailure('ConfigurationError', `An action in this pipeline failed because one or more variables could not be resolved: Action name=${action.name}`, false);
  }
  if (prepared.inputs.missing.length) {
    return new ActionFailure('ConfigurationError', `Input artifact ${prepared.inputs.missing.join(', ')} of action ${action.name} was not produced by an earlier action of this execution`, false); // wording inferred
  }
  if (!core.providers.find(action.actionTypeId)) {
    const t = action.actionTypeId;
    return new ActionFailure('ConfigurationError', `The action type ${t.category}/${t.owner}/${t.provider}/${t.version} is not emulated by codepipeline-local yet`, false);
  }
  return undefined;
}

/** Runs actions through their providers and records every step; one instance per engine. */
export class ActionRunner {
  constructor(
    private readonly core: EngineCore,
    private readonly approvals: Approvals,
  ) {}

  /** Starts a new execution of an action and resolves with how it ended. */
  async run(live: LiveExecution, stage: StageDeclaration, action: ActionDeclaration): Promise<ActionExecutionStatus> {
    const prepared = prepare(this.core, live, stage, action);
    this.core.recorder.startAction(prepared.record);
    const problem = problemOf(this.core, action, prepared);
    if (problem) return this.fail(prepared.record, problem);
    return this.execute(live, stage, action, prepared.record, prepared.inputs.files, prepared.resolution.ok ? prepared.resolution.configuration : {});
  }

  /** Runs again an action execution that was waiting when the emulator stopped (a resumable provider). */
  resume(live: LiveExecution, stage: StageDeclaration, action: ActionDeclaration, record: ActionExecutionRecord): Promise<ActionExecutionStatus> {
    const files = resolveInputArtifacts(this.core, action, succeededActions(this.core, live.record)).files;
    return this.execute(live, stage, action, record, files, record.input.resolvedConfiguration);
  }

  private async execute(
    live: LiveExecution,
    stage: StageDeclaration,
    action: ActionDeclaration,
    initial: ActionExecutionRecord,
    inputFiles: ActionJob['inputArtifacts'],
    configuration: Record<string, string>,
  ): Promise<ActionExecutionStatus> {
    let record = initial;
    const provider = this.core.providers.find(action.actionTypeId)!;
    const controller = new AbortController();
    let settleAbandoned!: (value: typeof ABANDONED) => void;
    const abandoned = new Promise<typeof ABANDONED>((resolve) => (settleAbandoned = resolve));
    const abandon = () => {
      if (record.status !== 'InProgress') return;
      record = this.core.recorder.moveAction(record, 'Abandoned');
      settleAbandoned(ABANDONED);
    };
    live.running.set(record.id, { get record() { return record; }, controller, abandon });
    const job: ActionJob = {
      account: record.account,
      region: record.input.region,
      pipelineName: record.pipelineName,
      pipelineExecutionId: live.record.id,
      stageName: stage.name,
      actionName: action.name,
      actionExecutionId: record.id,
      actionTypeId: action.actionTypeId,
      configuration,
      inputArtifacts: inputFiles,
      outputArtifactNames: (action.outputArtifacts ?? []).map((a) => a.name),
      commands: action.commands,
      outputVariables: action.outputVariables,
      environmentVariables: action.environmentVariables,
      outputArtifactFiles: action.outputArtifacts?.[0]?.files,
      artifactBucket: artifactBucketOf(live, action),
      namespace: action.namespace,
      timeoutInMinutes: action.timeoutInMinutes,
      workDir: this.core.artifacts.workDir(record.id),
      roleArn: action.roleArn ?? live.declaration.roleArn,
      sourceRevisionOverride: live.record.sourceOverrides.find((o) => o.actionName === action.name),
    };
    const ctx: ActionContext = {
      signal: controller.signal,
      log: this.core.log.child({ pipeline: record.pipelineName, stage: stage.name, action: action.name }),
      progress: (update) => {
        if (record.status === 'InProgress') record = this.core.recorder.moveAction(record, 'InProgress', progressPatch(update));
      },
      awaitApproval: (minutes) => this.approvals.wait(record, minutes, (r) => (record = r), controller.signal),
    };
    try {
      const outcome = await Promise.race([provider.run(job, ctx), abandoned]);
      if (this.core.closing) return 'InProgress';
      if (outcome === ABANDONED || record.status !== 'InProgress') return 'Abandoned';
      const storing = storeOutputs(this.core, live, action, outcome);
      this.core.storing.add(storing);
      const outputArtifacts = await storing.finally(() => this.core.storing.delete(storing));
      // Storing takes a moment, in which the emulator may stop or the action be abandoned.
      if (this.core.closing) return 'InProgress';
      if (record.status !== 'InProgress') return 'Abandoned';
      record = this.succeed(live, action, record, outcome, outputArtifacts);
      return record.status;
    } catch (error) {
      if (this.core.closing) return 'InProgress';
      if (record.status !== 'InProgress') return record.status;
      return this.fail(record, error instanceof ActionFailure ? error : new ActionFailure('JobFailed', (error as Error).message ?? String(error), true));
    } finally {
      live.running.delete(record.id);
      this.approvals.settle(record.id);
      rmSync(job.workDir, { recursive: true, force: true });
    }
  }

  private succeed(live: LiveExecution, action: ActionDeclaration, record: ActionExecutionRecord, result: ActionResult, outputArtifacts: ArtifactDetail[]): ActionExecutionRecord {
    // Only sources make an execution's artifact revisions; other actions' revisions are their currentRevision alone.
    if (result.revision && action.actionTypeId.category === 'Source') recordSourceRevision(this.core, live, action, result.revision);
    return this.core.recorder.moveAction(record, 'Succeeded', {
      // A progress bar left part-way would be stale once the action succeeded.
      ...(record.percentComplete !== undefined ? { percentComplete: 100 } : {}),
      ...progressPatch(result),
      ...(result.revision ? { revision: { revisionChangeId: result.revision.revisionId, createdMs: this.core.clock.now(), ...result.revision } } : {}),
      output: { outputArtifacts, outputVariables: result.outputVariables ?? {} },
    });
  }

  private fail(record: ActionExecutionRecord, failure: ActionFailure): ActionExecutionStatus {
    this.core.recorder.moveAction(record, 'Failed', { ...progressPatch(failure.details), errorDetails: { code: failure.code, message: failure.message } });
    return 'Failed';
  }

  /** Abandons an action now: recorded at once, its provider told through the abort signal. */
  abandon(live: LiveExecution, actionExecutionId: string): void {
    const running = live.running.get(actionExecutionId);
    if (!running) return;
    // Recorded before the provider hears of it, so a provider failing on abort cannot overwrite Abandoned.
    running.abandon();
    running.controller.abort(new Error('The action was abandoned by StopPipelineExecution'));
  }
}

function progressPatch(update: ActionProgress): Partial<ActionExecutionRecord> {
  const patch: Partial<ActionExecutionRecord> = {};
  if (update.summary !== undefined) patch.summary = update.summary;
  if (update.percentComplete !== undefined) patch.percentComplete = update.percentComplete;
  if (update.externalExecutionId !== undefined) patch.externalExecutionId = update.externalExecutionId;
  if (update.externalExecutionUrl !== undefined) patch.externalExecutionUrl = update.externalExecutionUrl;
  if (update.updatedBy !== undefined) patch.updatedBy = update.updatedBy;
  return patch;
}
