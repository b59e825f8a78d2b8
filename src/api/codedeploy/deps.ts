import type { ApplicationRevisions, DeploymentService } from '../../codedeploy/index.js';
import type { Clock, Ids } from '../../shared/index.js';
import type { CodeDeployDeploymentStore, CodeDeployStore, TagStore } from '../../store/index.js';

/** What the CodeDeploy operation handlers (other than the on-premises ones) need. */
export interface CodeDeployDeps {
  store: CodeDeployStore;
  deploymentStore: CodeDeployDeploymentStore;
  deployments: DeploymentService;
  revisions: ApplicationRevisions;
  tags: TagStore;
  clock: Clock;
  ids: Ids;
}

/** AWS's quotas and page sizes that the handlers enforce. */
export const limits = {
  applicationsPerRegion: 1000,
  deploymentGroupsPerApplication: 1000,
  customConfigsPerRegion: 1000,
  tagsPerResource: 50,
  /** BatchGetApplications, BatchGetDeploymentGroups: at most 100 names. */
  batchNames: 100,
  /** BatchGetDeployments, BatchGetDeploymentTargets, BatchGetDeploymentInstances, BatchGetApplicationRevisions: at most 25. */
  batchIds: 25,
  /** Characters of a deployment's or a revision's description. */
  descriptionLength: 256,
  /** Items per page of the List operations, which take no page size. */
  pageSize: 100,
} as const;
