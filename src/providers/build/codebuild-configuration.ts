import type { CodeBuildEnvironmentVariable } from '../../model/index.js';
import { ActionFailure, type ActionJob } from '../contract.js';

/** The CodeBuild action's configuration, checked. */
export interface CodeBuildActionConfiguration {
  projectName: string;
  /** The input artifact whose contents are CODEBUILD_SRC_DIR (and hold the buildspec). */
  primarySource?: string;
  environmentVariables: CodeBuildEnvironmentVariable[];
  /** BatchEnabled: the action starts a batch build. */
  batchEnabled: boolean;
  /** CombineArtifacts: the batch's artifacts are combined into the first output artifact. */
  combineArtifacts: boolean;
}

function flag(job: ActionJob, name: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw configurationError(job, `${name} must be "true" or "false", not ${value}`);
  return lower === 'true';
}

const TYPES = ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'];

function configurationError(job: ActionJob, message: string): ActionFailure {
  return new ActionFailure('ConfigurationError', `Invalid configuration of action ${job.actionName}: ${message}`, false); // wording inferred
}

/** Parses `EnvironmentVariables`: a JSON array of `{"name", "value", "type"}`, type PLAINTEXT by default. */
export function parseEnvironmentVariables(job: ActionJob, text: string | undefined): CodeBuildEnvironmentVariable[] {
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw configurationError(job, `EnvironmentVariables is not valid JSON (${(error as Error).message}); expected [{"name":"X","value":"v","type":"PLAINTEXT"}]`);
  }
  if (!Array.isArray(parsed)) throw configurationError(job, 'EnvironmentVariables must be a JSON array of {"name", "value", "type"} objects');
  return parsed.map((entry: unknown, i) => {
    const v = entry as Partial<CodeBuildEnvironmentVariable> | null;
    if (!v || typeof v.name !== 'string' || v.name === '' || typeof v.value !== 'string') {
      throw configurationError(job, `EnvironmentVariables[${i}] needs a string "name" and a string "value"`);
    }
    if (v.type !== undefined && !TYPES.includes(v.type)) throw configurationError(job, `EnvironmentVariables[${i}] has type ${String(v.type)}; use ${TYPES.join(', ')}`);
    return { name: v.name, value: v.value, type: v.type ?? 'PLAINTEXT' };
  });
}

/** Reads and checks the action's configuration against its input artifacts. */
export function parseConfiguration(job: ActionJob): CodeBuildActionConfiguration {
  const { ProjectName: projectName, PrimarySource: primarySource, EnvironmentVariables, BatchEnabled, CombineArtifacts } = job.configuration;
  if (!projectName) throw configurationError(job, 'ProjectName is required');
  const inputs = job.inputArtifacts.map((a) => a.name);
  if (inputs.length > 1 && !primarySource) {
    throw configurationError(job, `PrimarySource is required when the action has several input artifacts (${inputs.join(', ')})`);
  }
  if (primarySource && !inputs.includes(primarySource)) {
    throw configurationError(job, `PrimarySource ${primarySource} is not one of the action's input artifacts (${inputs.join(', ')})`);
  }
  const batchEnabled = flag(job, 'BatchEnabled', BatchEnabled);
  const combineArtifacts = flag(job, 'CombineArtifacts', CombineArtifacts);
  if (combineArtifacts && !batchEnabled) throw configurationError(job, 'CombineArtifacts requires BatchEnabled to be true');
  return { projectName, primarySource: primarySource ?? inputs[0], environmentVariables: parseEnvironmentVariables(job, EnvironmentVariables), batchEnabled, combineArtifacts };
}
