import type { BuildBatchRecord, BuildRequestRecord, CodeBuildProject, Scope } from '../store/index.js';
import type { SourcePreparer } from './build-sources.js';

/** What to run as a batch. */
export interface StartBatchInput {
  scope: Scope;
  project: CodeBuildProject;
  request: BuildRequestRecord;
  initiator: string;
  buildBatchConfig: BuildBatchRecord['buildBatchConfig'];
  pipeline?: BatchPipelineInput;
}

/** A batch a pipeline action starts: its sources are the action's inputs, its builds' artifacts the action's outputs. */
export interface BatchPipelineInput {
  pipelineName: string;
  sources: SourcePreparer;
  /** The action's output artifact names. */
  outputs: string[];
  /** CombineArtifacts: the builds' artifacts go, one folder per build identifier, into the first output; otherwise each build's into the output named by its identifier. */
  combine: boolean;
  /** Where each build writes its zips (`<outRoot>/<identifier>/`) and the combined zip goes; the caller removes it. */
  outRoot: string;
  sourceVersion?: string;
}

/** A batch that has ended, with the zips of the action's output artifacts by name (pipeline batches). */
export interface FinishedBatch {
  batch: BuildBatchRecord;
  artifacts: Record<string, string>;
}
