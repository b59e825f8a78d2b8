import type { AwsEvent } from '../events/index.js';

/** One event type a notification rule can name, as ListEventTypes shows it. */
export interface EventTypeSummary {
  EventTypeId: string;
  ServiceName: string;
  EventTypeName: string;
  ResourceType: string;
}

type Group = { service: string; resourceType: string; prefix: string; label: string; states: [string, string][] };

// The ids are AWS's (the CDK's PipelineNotificationEvents and the Developer Tools console's list); the names follow
// the one AWS names seen ("Deployment: Succeeded"), as "<Group>: <State>" (wording inferred for all but that one).
const GROUPS: Group[] = [
  { service: 'CodePipeline', resourceType: 'Pipeline', prefix: 'codepipeline-pipeline-action-execution', label: 'Action execution', states: [['succeeded', 'Succeeded'], ['failed', 'Failed'], ['canceled', 'Canceled'], ['started', 'Started']] },
  { service: 'CodePipeline', resourceType: 'Pipeline', prefix: 'codepipeline-pipeline-stage-execution', label: 'Stage execution', states: [['started', 'Started'], ['succeeded', 'Succeeded'], ['resumed', 'Resumed'], ['canceled', 'Canceled'], ['failed', 'Failed']] },
  {
    service: 'CodePipeline',
    resourceType: 'Pipeline',
    prefix: 'codepipeline-pipeline-pipeline-execution',
    label: 'Pipeline execution',
    states: [['failed', 'Failed'], ['canceled', 'Canceled'], ['started', 'Started'], ['resumed', 'Resumed'], ['succeeded', 'Succeeded'], ['superseded', 'Superseded']],
  },
  { service: 'CodePipeline', resourceType: 'Pipeline', prefix: 'codepipeline-pipeline-manual-approval', label: 'Manual approval', states: [['failed', 'Failed'], ['needed', 'Needed'], ['succeeded', 'Succeeded']] },
  { service: 'CodeBuild', resourceType: 'Project', prefix: 'codebuild-project-build-state', label: 'Build state', states: [['failed', 'Failed'], ['succeeded', 'Succeeded'], ['in-progress', 'In-progress'], ['stopped', 'Stopped']] },
  { service: 'CodeBuild', resourceType: 'Project', prefix: 'codebuild-project-build-phase', label: 'Build phase', states: [['failure', 'Failure'], ['success', 'Success']] },
  { service: 'CodeDeploy', resourceType: 'Application', prefix: 'codedeploy-application-deployment', label: 'Deployment', states: [['succeeded', 'Succeeded'], ['failed', 'Failed'], ['started', 'Started']] },
  { service: 'CodeCommit', resourceType: 'Repository', prefix: 'codecommit-repository-comments-on', label: 'Comments', states: [['commits', 'On commits'], ['pull-requests', 'On pull requests']] },
  { service: 'CodeCommit', resourceType: 'Repository', prefix: 'codecommit-repository-approvals', label: 'Approvals', states: [['status-changed', 'Status changed'], ['rule-override', 'Rule override']] },
  {
    service: 'CodeCommit',
    resourceType: 'Repository',
    prefix: 'codecommit-repository-pull-request',
    label: 'Pull request',
    states: [['created', 'Created'], ['source-updated', 'Source updated'], ['status-changed', 'Status changed'], ['merged', 'Merged']],
  },
  { service: 'CodeCommit', resourceType: 'Repository', prefix: 'codecommit-repository-branches-and-tags', label: 'Branches and tags', states: [['created', 'Created'], ['deleted', 'Deleted'], ['updated', 'Updated']] },
];

/** Every event type, in ListEventTypes' order. */
export const EVENT_TYPES: readonly EventTypeSummary[] = GROUPS.flatMap((g) =>
  g.states.map(([id, name]) => ({ EventTypeId: `${g.prefix}-${id}`, ServiceName: g.service, EventTypeName: `${g.label}: ${name}`, ResourceType: g.resourceType })),
);

/** The event type of an id, or undefined. */
export function eventType(id: string): EventTypeSummary | undefined {
  return EVENT_TYPES.find((t) => t.EventTypeId === id);
}

/** The resource a rule names, read from its ARN: the service and the event types' resource type. */
export function ruleResourceType(arn: string): { service: string; resourceType: string } | undefined {
  const m = /^arn:aws:(codepipeline|codebuild|codedeploy|codecommit):[a-z0-9-]+:\d{12}:(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, service, resource] = m;
  if (service === 'codepipeline' && /^[A-Za-z0-9.@_-]+$/.test(resource)) return { service: 'CodePipeline', resourceType: 'Pipeline' };
  if (service === 'codebuild' && resource.startsWith('project/')) return { service: 'CodeBuild', resourceType: 'Project' };
  if (service === 'codedeploy' && resource.startsWith('application:')) return { service: 'CodeDeploy', resourceType: 'Application' };
  if (service === 'codecommit' && /^[\w.-]+$/.test(resource)) return { service: 'CodeCommit', resourceType: 'Repository' };
  return undefined;
}

const lower = (state: unknown) => String(state).toLowerCase();

function pipelineEventTypes(event: AwsEvent): string[] {
  const state = lower(event.detail.state);
  const kind = { 'CodePipeline Pipeline Execution State Change': 'pipeline-execution', 'CodePipeline Stage Execution State Change': 'stage-execution', 'CodePipeline Action Execution State Change': 'action-execution' }[
    event['detail-type']
  ];
  if (!kind) return [];
  const ids = [`codepipeline-pipeline-${kind}-${state}`];
  const type = event.detail.type as { category?: string; provider?: string } | undefined;
  if (kind === 'action-execution' && type?.category === 'Approval' && type.provider === 'Manual') {
    const approval = { started: 'needed', succeeded: 'succeeded', failed: 'failed' }[state];
    if (approval) ids.push(`codepipeline-pipeline-manual-approval-${approval}`);
  }
  return ids;
}

/** The event type ids an event stands for (a manual approval's start is both an action start and an approval needed). */
export function eventTypeIdsOf(event: AwsEvent): string[] {
  let ids: string[] = [];
  if (event.source === 'aws.codepipeline') ids = pipelineEventTypes(event);
  else if (event['detail-type'] === 'CodeBuild Build State Change') ids = [`codebuild-project-build-state-${lower(event.detail['build-status']).replace('_', '-')}`];
  else if (event['detail-type'] === 'CodeBuild Build Phase Change') ids = [`codebuild-project-build-phase-${event.detail['completed-phase-status'] === 'SUCCEEDED' ? 'success' : 'failure'}`];
  else if (event['detail-type'] === 'CodeDeploy Deployment State-change Notification') {
    const state = { START: 'started', SUCCESS: 'succeeded', FAILURE: 'failed' }[String(event.detail.state)];
    ids = state ? [`codedeploy-application-deployment-${state}`] : [];
  }
  else if (event['detail-type'] === 'CodeCommit Repository State Change') {
    const change = { referenceCreated: 'created', referenceUpdated: 'updated', referenceDeleted: 'deleted' }[String(event.detail.event)];
    ids = change ? [`codecommit-repository-branches-and-tags-${change}`] : [];
  }
  return ids.filter((id) => eventType(id) !== undefined);
}

/** The ARN of the resource a rule must name to hear of an event: the pipeline, project or application. */
export function eventResourceOf(event: AwsEvent): string | undefined {
  if (event.source === 'aws.codebuild') return `arn:aws:codebuild:${event.region}:${event.account}:project/${String(event.detail['project-name'])}`;
  return event.resources[0];
}
