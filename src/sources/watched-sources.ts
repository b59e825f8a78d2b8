import type { ActionDeclaration, PipelineDeclaration, PipelineTriggerDeclaration, TriggerType } from '../model/index.js';
import { formatArn } from '../shared/index.js';
import type { Scope } from '../store/index.js';

/** How an execution started by change detection is recorded: ExecutionTrigger's type and detail. */
export interface DetectionTrigger {
  triggerType: TriggerType;
  triggerDetail?: string;
}

/** A V2 push filter: branches, file paths or tags, each with include and exclude globs. */
export type PushFilter = NonNullable<PipelineTriggerDeclaration['gitConfiguration']['push']>[number];

/** What starts executions for a git source: pushes to its branch, or V2 push filters (which replace that). */
export type GitDetection = { type: 'branch' } | { type: 'push-filters'; filters: PushFilter[] };

interface WatchedBase extends Scope {
  pipelineName: string;
  actionName: string;
  trigger: DetectionTrigger;
  /** Everything that decides what is watched; when it changes, detection starts afresh for the action. */
  fingerprint: string;
}

/** A git source action change detection follows: a local repository by name, or a remote by URL. */
export interface WatchedGitSource extends WatchedBase {
  kind: 'git';
  provider: 'CodeCommit' | 'CodeStarSourceConnection';
  /** A repository name (CodeCommit RepositoryName, or the mapped FullRepositoryId), or a git URL. */
  repository: { type: 'name'; name: string } | { type: 'url'; url: string };
  branch: string;
  detection: GitDetection;
}

/** An S3 source action change detection follows. */
export interface WatchedS3Source extends WatchedBase {
  kind: 's3';
  bucket: string;
  key: string;
}

/** A source action change detection follows. */
export type WatchedSource = WatchedGitSource | WatchedS3Source;

/** What maps a CodeStarSourceConnection FullRepositoryId to a repository name or a URL. */
export type ConnectionTarget = (fullRepositoryId: string) => WatchedGitSource['repository'];

const isFalse = (value: string | undefined) => value?.toLowerCase() === 'false';
const hasVariable = (configuration: Record<string, string>) => Object.values(configuration).some((v) => v.includes('#{'));

/** The EventBridge rule ARN recorded as the detail of CloudWatchEvent starts (a rule codepipeline-local pretends exists). */
export function eventsRuleArn(scope: Scope, pipelineName: string, actionName: string): string {
  const rule = `codepipeline-local-${pipelineName}-${actionName}`.replace(/[^\w.-]/g, '-').slice(0, 64);
  return formatArn({ service: 'events', region: scope.region, account: scope.account, resource: `rule/${rule}` });
}

// CodeCommit and S3: PollForSourceChanges "false" means an EventBridge rule starts the pipeline (what the console
// and CloudFormation set up), absent or "true" means polling. The detail strings are inferred, not observed.
function pollOrEvent(scope: Scope, pipelineName: string, action: ActionDeclaration): DetectionTrigger {
  const configuration = action.configuration ?? {};
  if (isFalse(configuration.PollForSourceChanges)) return { triggerType: 'CloudWatchEvent', triggerDetail: eventsRuleArn(scope, pipelineName, action.name) };
  return { triggerType: 'PollForSourceChanges', triggerDetail: action.name };
}

function gitSource(scope: Scope, decl: PipelineDeclaration, action: ActionDeclaration, connection: ConnectionTarget): WatchedGitSource | undefined {
  const c = action.configuration ?? {};
  const base = { kind: 'git' as const, ...scope, pipelineName: decl.name, actionName: action.name, branch: c.BranchName ?? '' };
  if (action.actionTypeId.provider === 'CodeCommit') {
    const trigger = pollOrEvent(scope, decl.name, action);
    const repository = { type: 'name' as const, name: c.RepositoryName ?? '' };
    return { ...base, provider: 'CodeCommit', repository, detection: { type: 'branch' }, trigger, fingerprint: JSON.stringify(['CodeCommit', repository, base.branch, trigger]) };
  }
  const trigger = decl.triggers?.find((t) => t.gitConfiguration.sourceActionName === action.name);
  const repository = connection(c.FullRepositoryId ?? '');
  const arn = c.ConnectionArn;
  let detection: GitDetection;
  if (trigger) {
    // Only push filters start runs here; a trigger with pull-request filters alone starts nothing locally.
    detection = { type: 'push-filters', filters: trigger.gitConfiguration.push ?? [] };
  } else if (decl.triggers?.length || isFalse(c.DetectChanges)) {
    return undefined; // any trigger turns the default detection off, for every source action of the pipeline
  } else {
    detection = { type: 'branch' };
  }
  const detectionTrigger: DetectionTrigger = { triggerType: detection.type === 'branch' ? 'Webhook' : 'WebhookV2', ...(arn ? { triggerDetail: arn } : {}) };
  const fingerprint = JSON.stringify(['CodeStarSourceConnection', repository, base.branch, detection, detectionTrigger]);
  return { ...base, provider: 'CodeStarSourceConnection', repository, detection, trigger: detectionTrigger, fingerprint };
}

function s3Source(scope: Scope, decl: PipelineDeclaration, action: ActionDeclaration): WatchedS3Source {
  const c = action.configuration ?? {};
  const trigger = pollOrEvent(scope, decl.name, action);
  const [bucket, key] = [c.S3Bucket ?? '', c.S3ObjectKey ?? ''];
  return { kind: 's3', ...scope, pipelineName: decl.name, actionName: action.name, bucket, key, trigger, fingerprint: JSON.stringify(['S3', bucket, key, trigger]) };
}

/**
 * Lists the source actions of a pipeline that change detection follows: CodeCommit, CodeStarSourceConnection
 * (unless DetectChanges is "false" or another action's trigger turned default detection off) and S3 source
 * actions of the first stage. Actions whose configuration uses `#{...}` variables are not followed.
 */
export function watchedSources(scope: Scope, decl: PipelineDeclaration, connection: ConnectionTarget): WatchedSource[] {
  const out: WatchedSource[] = [];
  for (const action of decl.stages[0]?.actions ?? []) {
    const { category, owner, provider } = action.actionTypeId;
    if (category !== 'Source' || owner !== 'AWS' || hasVariable(action.configuration ?? {})) continue;
    if (provider === 'CodeCommit' || provider === 'CodeStarSourceConnection') {
      const source = gitSource(scope, decl, action, connection);
      if (source) out.push(source);
    } else if (provider === 'S3') {
      out.push(s3Source(scope, decl, action));
    }
  }
  return out;
}
