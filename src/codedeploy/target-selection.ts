import type { DeploymentGroupRecord } from '../store/index.js';
import type { DeployableInstance } from './instance-directory.js';
import { matchesTargeting } from './tag-filters.js';

/**
 * The instances of a deployment group, in instance-name order: those its EC2 or on-premises tag filters
 * or tag sets select (the local instances stand in for both kinds).
 */
export function selectInstances(group: DeploymentGroupRecord, instances: readonly DeployableInstance[]): DeployableInstance[] {
  return instances.filter((i) => matchesTargeting(i.tags, group)).sort((a, b) => a.instanceName.localeCompare(b.instanceName));
}
