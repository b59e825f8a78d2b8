import type { BatchService, BuildLogs, BuildService, ImageMap, ProjectCaches, SandboxService } from '../../codebuild/index.js';
import type { Clock } from '../../shared/index.js';
import type { CodeBuildBatchStore, CodeBuildFleetStore, CodeBuildReportStore, CodeBuildSandboxStore, CodeBuildStore, SourceCredentialsStore } from '../../store/index.js';

/** What the CodeBuild operation handlers need. */
export interface CodeBuildDeps {
  store: CodeBuildStore;
  reports: CodeBuildReportStore;
  credentials: SourceCredentialsStore;
  /** Compute fleets and the resource policies of projects and report groups. */
  fleets: CodeBuildFleetStore;
  /** Sandboxes: their records, and the service that runs their containers and commands. */
  sandboxStore: CodeBuildSandboxStore;
  sandboxes: Pick<SandboxService, 'start' | 'stop' | 'run'>;
  /** The ids of new fleets and project aliases. */
  ids: { uuid(): string };
  builds: BuildService;
  /** Batch builds: their records, and the service that runs them. */
  batchStore: CodeBuildBatchStore;
  batches: BatchService;
  logs: BuildLogs;
  /** Resets projects' caches (InvalidateProjectCache). */
  caches: Pick<ProjectCaches, 'invalidate'>;
  /** The CodeBuild image names the emulator maps to local images (ListCuratedEnvironmentImages). */
  imageMap: ImageMap;
  clock: Clock;
  /** Whether the emulator holds a CodeCommit repository (a CODECOMMIT project's webhook needs one); any name passes when absent. */
  repositoryExists?(scope: { account: string; region: string }, name: string): boolean;
  /** StartBuild (and StartBuildBatch, under `batch/`) idempotency tokens seen recently, by `<account>/<region>/<project>/<token>`. */
  idempotency: Map<string, { buildId: string; request: string; atMs: number }>;
}

/** AWS's quotas and defaults that the handlers apply. */
export const limits = {
  /** Report groups per region (AWS's default quota). */
  reportGroupsPerRegion: 5000,
  /** Build projects per region (AWS's default quota). */
  projectsPerRegion: 5000,
  /** Fleets per region: a bound of the emulator's (AWS's quota is per capacity and not modelled here). */
  fleetsPerRegion: 1000,
  /** Ids per page of ListBuilds, ListBuildsForProject and ListProjects, as AWS pages them. */
  pageSize: 100,
  /** Build timeout when the project sets none, in minutes. */
  defaultTimeoutInMinutes: 60,
  /** Queue timeout when the project sets none, in minutes. */
  defaultQueuedTimeoutInMinutes: 480,
} as const;
