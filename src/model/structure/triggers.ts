import type { PipelineDeclaration, PipelineTriggerDeclaration } from '../pipeline-declaration.js';
import { firstDuplicate, placedActions } from './context.js';
import { problems } from './messages.js';
import type { StructureProblem } from './problem.js';

/** A git filter of a trigger (push or pull request), as the model shapes it. */
interface GitFilter {
  branches?: unknown;
  filePaths?: unknown;
  tags?: unknown;
  events?: unknown;
}

/** A trigger, as the model shapes it (model constraints have already been checked). */
interface Trigger {
  providerType: string;
  gitConfiguration: { sourceActionName: string; push?: GitFilter[]; pullRequest?: GitFilter[] };
}

const asTrigger = (t: PipelineTriggerDeclaration): Trigger => t as unknown as Trigger;

/** Tells whether any trigger filters pushes by tag. */
export function hasTagTrigger(triggers: readonly PipelineTriggerDeclaration[]): boolean {
  return triggers.some((t) => (asTrigger(t).gitConfiguration.push ?? []).some((f) => f.tags !== undefined));
}

// Valid combinations (User Guide, "Add trigger with push or pull request event types"):
// push: tags alone, or branches with optional filePaths; pull request: branches with optional filePaths.
const validPush = (f: GitFilter): boolean =>
  f.tags !== undefined ? f.branches === undefined && f.filePaths === undefined : f.branches !== undefined;
const validPullRequest = (f: GitFilter): boolean => f.branches !== undefined;

function checkTrigger(trigger: Trigger, connectionSources: Set<string>): StructureProblem | undefined {
  const git = trigger.gitConfiguration;
  if (!connectionSources.has(git.sourceActionName)) return problems.triggerSourceAction(git.sourceActionName);
  const filtersOk = (git.push ?? []).every(validPush) && (git.pullRequest ?? []).every(validPullRequest);
  return filtersOk ? undefined : problems.triggerFilters();
}

/** Checks that triggers name distinct CodeStarSourceConnection source actions and use valid filter combinations. */
export function checkTriggers(decl: PipelineDeclaration): StructureProblem | undefined {
  const triggers = (decl.triggers ?? []).map(asTrigger);
  const connectionSources = new Set(
    placedActions(decl)
      .filter(({ action }) => action.actionTypeId.category === 'Source')
      .filter(({ action }) => action.actionTypeId.provider === 'CodeStarSourceConnection')
      .map(({ action }) => action.name),
  );
  for (const trigger of triggers) {
    const problem = checkTrigger(trigger, connectionSources);
    if (problem) return problem;
  }
  const twice = firstDuplicate(triggers, (t) => t.gitConfiguration.sourceActionName);
  return twice ? problems.duplicateTrigger(twice.gitConfiguration.sourceActionName) : undefined;
}
