import { rmSync } from 'node:fs';
import { ActionFailure, type ActionJob } from '../../providers/contract.js';
import { resolveInputArtifacts, succeededActions } from '../action-inputs.js';
import { ruleError, type RuleEvaluator } from './rule-run.js';

const COMMANDS_ACTION = { category: 'Compute', owner: 'AWS', provider: 'Commands', version: '1' } as const;

/**
 * The Commands rule: runs its commands as the Commands action does (a build through the CodeBuild runner, with the
 * rule's input artifacts as sources); it passes when every command exits 0.
 */
export const commandsRule: RuleEvaluator = async ({ core, live, stage, rule, configuration, record, signal, progress }) => {
  const provider = core.providers.find(COMMANDS_ACTION);
  if (!provider) return ruleError('The Commands rule needs the build runner, which this codepipeline-local does not run', 'JobFailed'); // wording inferred
  const inputs = resolveInputArtifacts(core, rule, succeededActions(core, live.record));
  if (inputs.missing.length) return ruleError(`Input artifact ${inputs.missing.join(', ')} of rule ${rule.name} was not produced by an earlier action of this execution`); // wording inferred
  const job: ActionJob = {
    account: record.account,
    region: record.input.region,
    pipelineName: record.pipelineName,
    pipelineExecutionId: live.record.id,
    stageName: stage.name,
    actionName: rule.name,
    actionExecutionId: record.id,
    actionTypeId: COMMANDS_ACTION,
    configuration,
    inputArtifacts: inputs.files,
    outputArtifactNames: [],
    commands: rule.commands,
    workDir: core.artifacts.workDir(record.id),
  };
  const ids: { externalExecutionId?: string; externalExecutionUrl?: string } = {};
  const ctx = {
    signal,
    log: core.log.child({ pipeline: record.pipelineName, stage: stage.name, rule: rule.name }),
    progress: (update: { summary?: string; externalExecutionId?: string; externalExecutionUrl?: string }) => {
      if (update.externalExecutionId) ids.externalExecutionId = update.externalExecutionId;
      if (update.externalExecutionUrl) ids.externalExecutionUrl = update.externalExecutionUrl;
      progress(update);
    },
    awaitApproval: () => Promise.reject(new Error('A Commands rule never waits for an approval')),
  };
  try {
    const result = await provider.run(job, ctx);
    return { passed: true, summary: result.summary ?? 'The commands succeeded', ...ids, ...pick(result) }; // wording inferred
  } catch (error) {
    if (signal.aborted) throw error;
    const message = error instanceof ActionFailure ? error.message : (error as Error).message;
    return { passed: false, summary: message, errorDetails: { code: 'JobFailed', message }, ...ids };
  } finally {
    rmSync(job.workDir, { recursive: true, force: true });
  }
};

function pick(result: { externalExecutionId?: string; externalExecutionUrl?: string }) {
  return {
    ...(result.externalExecutionId ? { externalExecutionId: result.externalExecutionId } : {}),
    ...(result.externalExecutionUrl ? { externalExecutionUrl: result.externalExecutionUrl } : {}),
  };
}
