import type { Clock } from '../../shared/index.js';
import type { PipelineStore, TagStore } from '../../store/index.js';

/** What the CodePipeline operation handlers need. */
export interface CodePipelineDeps {
  pipelines: PipelineStore;
  tags: TagStore;
  clock: Clock;
}

/** AWS's quotas that the handlers enforce. */
export const limits = {
  pipelinesPerRegion: 1000,
  tagsPerResource: 50,
  /** ListPipelines page size when the caller gives no maxResults. */
  defaultPageSize: 100,
} as const;
