import type { InstanceTag } from '../store/index.js';

/** How a tag filter compares, as CodeDeploy spells it (TagFilterType / EC2TagFilterType). */
export const TagFilterType = { KEY_ONLY: 'KEY_ONLY', VALUE_ONLY: 'VALUE_ONLY', KEY_AND_VALUE: 'KEY_AND_VALUE' } as const;
/** One of {@link TagFilterType}'s values. */
export type TagFilterType = (typeof TagFilterType)[keyof typeof TagFilterType];

/** A tag filter: CodeDeploy's `TagFilter` and `EC2TagFilter` shapes (the same members). */
export interface TagFilter {
  Key?: string;
  Value?: string;
  Type?: string;
}

/** How a deployment group names its instances (the members of CreateDeploymentGroup that select instances). */
export interface InstanceTargeting {
  ec2TagFilters?: TagFilter[];
  ec2TagSet?: { ec2TagSetList?: TagFilter[][] };
  onPremisesInstanceTagFilters?: TagFilter[];
  onPremisesTagSet?: { onPremisesTagSetList?: TagFilter[][] };
}

/** The type a filter compares by; a filter without one compares by what it names (friendlier than AWS, which requires it). */
export function effectiveFilterType(filter: TagFilter): TagFilterType | undefined {
  if (filter.Type === TagFilterType.KEY_ONLY || filter.Type === TagFilterType.VALUE_ONLY || filter.Type === TagFilterType.KEY_AND_VALUE) return filter.Type;
  if (filter.Type !== undefined) return undefined;
  if (filter.Key !== undefined && filter.Value !== undefined) return TagFilterType.KEY_AND_VALUE;
  if (filter.Key !== undefined) return TagFilterType.KEY_ONLY;
  return filter.Value !== undefined ? TagFilterType.VALUE_ONLY : undefined;
}

/** Whether one tag of `tags` satisfies the filter (comparisons are case-sensitive). */
export function matchesTagFilter(tags: readonly InstanceTag[], filter: TagFilter): boolean {
  switch (effectiveFilterType(filter)) {
    case TagFilterType.KEY_ONLY:
      return tags.some((t) => t.Key === filter.Key);
    case TagFilterType.VALUE_ONLY:
      return tags.some((t) => t.Value === filter.Value);
    case TagFilterType.KEY_AND_VALUE:
      return tags.some((t) => t.Key === filter.Key && t.Value === filter.Value);
    default:
      return false;
  }
}

/** Whether the tags satisfy one tag group: any of its filters (OR). An empty group matches nothing. */
export function matchesTagGroup(tags: readonly InstanceTag[], group: readonly TagFilter[]): boolean {
  return group.some((filter) => matchesTagFilter(tags, filter));
}

/** Whether the tags satisfy a tag set: every one of its groups (AND of ORs). An empty set matches nothing. */
export function matchesTagSet(tags: readonly InstanceTag[], groups: readonly (readonly TagFilter[])[]): boolean {
  return groups.length > 0 && groups.every((group) => matchesTagGroup(tags, group));
}

/**
 * Whether a local instance belongs to a deployment group. Local instances stand in for EC2 and on-premises
 * instances alike, so an instance belongs when it matches the EC2 criteria or the on-premises ones.
 */
export function matchesTargeting(tags: readonly InstanceTag[], targeting: InstanceTargeting): boolean {
  const ec2 = targeting.ec2TagSet?.ec2TagSetList ?? (targeting.ec2TagFilters?.length ? [targeting.ec2TagFilters] : []);
  const onPremises = targeting.onPremisesTagSet?.onPremisesTagSetList ?? (targeting.onPremisesInstanceTagFilters?.length ? [targeting.onPremisesInstanceTagFilters] : []);
  return matchesTagSet(tags, ec2) || matchesTagSet(tags, onPremises);
}
