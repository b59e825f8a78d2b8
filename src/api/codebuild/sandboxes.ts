import type {
  BatchGetCommandExecutionsInput,
  BatchGetCommandExecutionsOutput,
  BatchGetSandboxesInput,
  BatchGetSandboxesOutput,
  ListCommandExecutionsForSandboxInput,
  ListCommandExecutionsForSandboxOutput,
  ListSandboxesForProjectInput,
  ListSandboxesForProjectOutput,
  ListSandboxesInput,
  ListSandboxesOutput,
  StartCommandExecutionInput,
  StartCommandExecutionOutput,
  StartSandboxConnectionInput,
  StartSandboxConnectionOutput,
  StartSandboxInput,
  StartSandboxOutput,
  StopSandboxInput,
  StopSandboxOutput,
} from '@aws-sdk/client-codebuild';
import { sandboxContainerName, sandboxIdOf, SandboxStatus } from '../../codebuild/index.js';
import type { SandboxRecord } from '../../store/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type RequestContext } from '../protocol/index.js';
import { limits, type CodeBuildDeps } from './deps.js';
import { InvalidInputException, ResourceNotFoundException } from './errors.js';
import { invalidNextToken, requireProject } from './projects.js';
import { commandExecutionView, sandboxView } from './sandbox-views.js';

// A token repeated within this window returns the sandbox it started (as StartBuild's, ms; inferred for sandboxes).
const IDEMPOTENCY_WINDOW_MS = 5 * 60_000;

/** Finds a sandbox of the caller's scope by id or ARN, or throws ResourceNotFoundException (wording inferred). */
function requireSandbox(deps: CodeBuildDeps, ctx: RequestContext, idOrArn: string): SandboxRecord {
  const sandbox = deps.sandboxStore.getSandbox(ctx, sandboxIdOf(idOrArn));
  if (!sandbox) throw new ResourceNotFoundException(`Sandbox ${idOrArn} does not exist`);
  return sandbox;
}

/** StartSandbox: records a sandbox of the project (QUEUED) and starts its container from the project's image. */
export function startSandbox(deps: CodeBuildDeps, input: HandlerInput<StartSandboxInput>, ctx: RequestContext): HandlerOutput<StartSandboxOutput> {
  if (!input.projectName) throw new InvalidInputException('projectName is required'); // wording inferred: optional in the model, yet a sandbox is of a project
  const project = requireProject(deps, ctx, input.projectName).project;
  const token = input.idempotencyToken;
  const key = `sandbox/${ctx.account}/${ctx.region}/${project.name}/${token}`;
  const seen = token ? deps.idempotency.get(key) : undefined;
  if (seen && deps.clock.now() - seen.atMs < IDEMPOTENCY_WINDOW_MS) {
    const again = deps.sandboxStore.getSandbox(ctx, seen.buildId);
    if (again) return { sandbox: sandboxView(again) };
  }
  const sandbox = deps.sandboxes.start(ctx, project);
  if (token) deps.idempotency.set(key, { buildId: sandbox.id, request: '', atMs: deps.clock.now() });
  return { sandbox: sandboxView(sandbox) };
}

/** StopSandbox: STOPPING at once, STOPPED once its container is removed; an ended sandbox is answered as it is. */
export function stopSandbox(deps: CodeBuildDeps, input: HandlerInput<StopSandboxInput>, ctx: RequestContext): HandlerOutput<StopSandboxOutput> {
  const sandbox = requireSandbox(deps, ctx, input.id);
  return { sandbox: sandboxView(deps.sandboxes.stop(ctx, sandbox.id) ?? sandbox) };
}

/** BatchGetSandboxes: sandboxes by id or ARN, and those not found, as given. */
export function batchGetSandboxes(deps: CodeBuildDeps, input: HandlerInput<BatchGetSandboxesInput>, ctx: RequestContext): HandlerOutput<BatchGetSandboxesOutput> {
  const found = input.ids.map((id) => [id, deps.sandboxStore.getSandbox(ctx, sandboxIdOf(id))] as const);
  return {
    sandboxes: found.flatMap(([, s]) => (s ? [sandboxView(s)] : [])),
    sandboxesNotFound: found.flatMap(([id, s]) => (s ? [] : [id])),
  };
}

function idsPage(all: string[], input: { maxResults?: number; nextToken?: string }): HandlerOutput<ListSandboxesOutput> {
  const page = pageByOffset(all, input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** ListSandboxes: the ids of the caller's sandboxes, newest first unless ASCENDING. */
export function listSandboxes(deps: CodeBuildDeps, input: HandlerInput<ListSandboxesInput>, ctx: RequestContext): HandlerOutput<ListSandboxesOutput> {
  return idsPage(deps.sandboxStore.listSandboxIds(ctx, input.sortOrder ?? 'DESCENDING'), input);
}

/** ListSandboxesForProject: the ids of a project's sandboxes, newest first unless ASCENDING. */
export function listSandboxesForProject(deps: CodeBuildDeps, input: HandlerInput<ListSandboxesForProjectInput>, ctx: RequestContext): HandlerOutput<ListSandboxesForProjectOutput> {
  const project = requireProject(deps, ctx, input.projectName).project;
  return idsPage(deps.sandboxStore.listSandboxIds(ctx, input.sortOrder ?? 'DESCENDING', project.name), input);
}

/** StartCommandExecution: records a shell command (SUBMITTED) that runs in the sandbox's container once the commands before it are done. */
export function startCommandExecution(deps: CodeBuildDeps, input: HandlerInput<StartCommandExecutionInput>, ctx: RequestContext): HandlerOutput<StartCommandExecutionOutput> {
  const sandbox = requireSandbox(deps, ctx, input.sandboxId);
  const command = deps.sandboxes.run(ctx, sandbox, input.command, input.type ?? 'SHELL');
  if (!command) throw new InvalidInputException(`Sandbox ${sandbox.id} is not running: its status is ${sandbox.status}`); // wording inferred
  return { commandExecution: commandExecutionView(command) };
}

/** BatchGetCommandExecutions: a sandbox's command executions by id, and those not found (all of them for an unknown sandbox). */
export function batchGetCommandExecutions(deps: CodeBuildDeps, input: HandlerInput<BatchGetCommandExecutionsInput>, ctx: RequestContext): HandlerOutput<BatchGetCommandExecutionsOutput> {
  const sandbox = deps.sandboxStore.getSandbox(ctx, sandboxIdOf(input.sandboxId));
  const found = input.commandExecutionIds.map((id) => [id, sandbox && deps.sandboxStore.getCommand(sandbox.id, id)] as const);
  return {
    commandExecutions: found.flatMap(([, c]) => (c ? [commandExecutionView(c)] : [])),
    commandExecutionsNotFound: found.flatMap(([id, c]) => (c ? [] : [id])),
  };
}

/** ListCommandExecutionsForSandbox: a sandbox's command executions, newest first unless ASCENDING. */
export function listCommandExecutionsForSandbox(deps: CodeBuildDeps, input: HandlerInput<ListCommandExecutionsForSandboxInput>, ctx: RequestContext): HandlerOutput<ListCommandExecutionsForSandboxOutput> {
  const sandbox = requireSandbox(deps, ctx, input.sandboxId);
  const page = pageByOffset(deps.sandboxStore.listCommands(sandbox.id, input.sortOrder ?? 'DESCENDING'), input.nextToken, input.maxResults ?? limits.pageSize, invalidNextToken);
  return { commandExecutions: page.items.map(commandExecutionView), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/**
 * StartSandboxConnection: AWS answers an AWS Systems Manager session (its id, token and stream URL), which only
 * SSM's own service and the Session Manager plugin can use; neither is emulated, so the call is refused, pointing to
 * what works instead (wording inferred).
 */
export function startSandboxConnection(deps: CodeBuildDeps, input: HandlerInput<StartSandboxConnectionInput>, ctx: RequestContext): HandlerOutput<StartSandboxConnectionOutput> {
  const sandbox = requireSandbox(deps, ctx, input.sandboxId);
  if (sandbox.status !== SandboxStatus.IN_PROGRESS) throw new InvalidInputException(`Sandbox ${sandbox.id} is not running: its status is ${sandbox.status}`);
  throw new InvalidInputException(
    `StartSandboxConnection opens an AWS Systems Manager session, which codepipeline-local does not emulate: run commands with StartCommandExecution, or open a shell with \`docker exec -it ${sandboxContainerName(sandbox.id)} sh\``,
  );
}
