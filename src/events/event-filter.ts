import type { AwsEvent } from './aws-event.js';

/** Which events a reader wants: each given field must match (`detailType` and `source` may list several, comma-separated). */
export interface EventFilter {
  source?: string;
  detailType?: string;
  /** The pipeline, project, application or repository name the event is about. */
  pipeline?: string;
  account?: string;
  region?: string;
  resource?: string;
}

function oneOf(list: string | undefined, value: string): boolean {
  return !list || list.split(',').some((item) => item.trim() === value);
}

/** Whether an event passes a filter. */
export function matchesFilter(event: AwsEvent, filter: EventFilter): boolean {
  if (!oneOf(filter.source, event.source) || !oneOf(filter.detailType, event['detail-type'])) return false;
  if (filter.account && filter.account !== event.account) return false;
  if (filter.region && filter.region !== event.region) return false;
  if (filter.resource && !event.resources.includes(filter.resource)) return false;
  if (filter.pipeline && !NAME_FIELDS.some((field) => event.detail[field] === filter.pipeline)) return false;
  return true;
}

// Where each service's events name what they are about: CodePipeline, CodeBuild, CodeDeploy and CodeCommit.
const NAME_FIELDS = ['pipeline', 'project-name', 'application', 'repositoryName'];
