import { posix } from 'node:path';
import { AgentLostError } from './agent-error.js';
import type { AppSpecScript } from './appspec.js';
import type { Diagnostics } from './instance-deployment.js';
import type { InstanceShell } from './instance-shell.js';
import { ScriptLog, type OnInstanceLog } from './script-log.js';

/** Where and how one lifecycle event's scripts run. */
export interface HookContext {
  shell: InstanceShell;
  log: OnInstanceLog;
  /** The unpacked revision the scripts come from (the last successful one for ApplicationStop). */
  archiveDir: string;
  /** The scripts.log of the deployment folder the scripts come from. */
  scriptsLog: string;
  /** LIFECYCLE_EVENT is added per event. */
  env: Readonly<Record<string, string>>;
}

/** How a lifecycle event's scripts ended: the diagnostics the API shows for it. */
export interface HookEventResult {
  succeeded: boolean;
  diagnostics: Diagnostics;
}

type ScriptOutcome = { ok: true } | { ok: false; errorCode: Diagnostics['errorCode']; message: string };

// After a timeout the script's group gets SIGTERM; processes that outlive it this long have their relays stopped.
const KILL_GRACE_MS = 5_000;

/** A path of the revision resolved inside its folder; undefined when it climbs out. */
function insideArchive(archiveDir: string, location: string): string | undefined {
  const relative = posix.normalize(location.replace(/^\/+/, ''));
  if (relative === '..' || relative.startsWith('../')) return undefined;
  return posix.join(archiveDir, relative);
}

/** The diagnostics of a lifecycle event that succeeded. */
export function successDiagnostics(logTail = ''): Diagnostics {
  return { errorCode: 'Success', scriptName: '', message: 'Succeeded', logTail };
}

/** Runs the scripts of one lifecycle event in order, stopping at the first failure, as the agent's HookExecutor does. */
export async function runHookEvent(event: string, scripts: readonly AppSpecScript[], ctx: HookContext): Promise<HookEventResult> {
  if (scripts.length === 0) return { succeeded: true, diagnostics: successDiagnostics() };
  const tail = new ScriptLog();
  ctx.log.write(ctx.scriptsLog, `LifecycleEvent - ${event}\n`, tail);
  for (const script of scripts) {
    const outcome = await runScript(event, script, ctx, tail).catch((error: unknown) => {
      // The agent went away mid-script: the event fails as after an agent restart, keeping what it logged.
      if (error instanceof AgentLostError) return { ok: false as const, errorCode: 'UnknownError' as const, message: error.message };
      throw error;
    });
    if (!outcome.ok) {
      return { succeeded: false, diagnostics: { errorCode: outcome.errorCode, scriptName: script.location, message: outcome.message, logTail: tail.text() } };
    }
  }
  return { succeeded: true, diagnostics: successDiagnostics(tail.text()) };
}

interface Progress {
  pids?: { group: string; wrapper: string; relays: string[] };
  exitCode?: number;
  closed: boolean;
  eof: Set<string>;
  notice?: 'missing' | 'notexec';
  execError?: string;
  timedOut: boolean;
  leftOpen: boolean;
  /** The deadline passed before the script started: it is enforced as soon as it does. */
  deadlinePassed: boolean;
  /** The command ended: its process ids may belong to others now. */
  finished: boolean;
}

async function runScript(event: string, script: AppSpecScript, ctx: HookContext, tail: ScriptLog): Promise<ScriptOutcome> {
  const { location, timeout, runas } = script;
  const path = insideArchive(ctx.archiveDir, location);
  if (path === undefined) {
    return { ok: false, errorCode: 'UnknownError', message: `The deployment failed because the application specification file names a script outside the revision (${location}); codepipeline-local refuses paths that leave the bundle.` };
  }
  const progress: Progress = { closed: false, eof: new Set(), timedOut: false, leftOpen: false, deadlinePassed: false, finished: false };
  const onLine = (line: string) => readLine(line, location, progress, ctx, tail);
  const deadline = setTimeout(() => void onDeadline(progress, ctx), timeout * 1000);
  let stderr: string;
  try {
    ({ stderr } = await ctx.shell.run('hook', [path, runas ?? ''], { env: { ...ctx.env, LIFECYCLE_EVENT: event }, onLine }));
  } finally {
    clearTimeout(deadline);
    progress.finished = true;
  }
  const at = `Script at specified location: ${location}`;
  if (progress.notice === 'missing') return { ok: false, errorCode: 'ScriptMissing', message: `Script does not exist at specified location: ${path}` };
  if (progress.notice === 'notexec') return { ok: false, errorCode: 'ScriptNotExecutable', message: `Unable to set script at specified location: ${location} as executable` };
  if (progress.execError) return { ok: false, errorCode: 'ScriptFailed', message: `${at} failed with error ${progress.execError}` };
  if (progress.timedOut) return { ok: false, errorCode: 'ScriptTimedOut', message: `${at} failed to complete in ${timeout} seconds` };
  if (progress.leftOpen) return { ok: false, errorCode: 'UnknownError', message: `${at} failed to close ${progress.eof.has('O') ? 'STDERR' : 'STDOUT'}` };
  if (progress.exitCode === undefined) return { ok: false, errorCode: 'UnknownError', message: `${at} could not be run: ${stderr.trim() || 'the agent lost track of it'}` };
  if (progress.exitCode !== 0) return { ok: false, errorCode: 'ScriptFailed', message: `${at}${runas ? ` run as user ${runas}` : ''} failed with exit code ${progress.exitCode}` };
  return { ok: true };
}

function readLine(line: string, location: string, progress: Progress, ctx: HookContext, tail: ScriptLog): void {
  if (line.startsWith('O')) return ctx.log.write(ctx.scriptsLog, `[stdout]${line.slice(1)}\n`, tail);
  if (line.startsWith('E')) return ctx.log.write(ctx.scriptsLog, `[stderr]${line.slice(1)}\n`, tail);
  const [, word, ...rest] = line.split(' ');
  if (word === 'started' || word === 'execerror') ctx.log.write(ctx.scriptsLog, `Script - ${location}\n`, tail);
  if (word === 'started') {
    progress.pids = { group: rest[0], wrapper: rest[1], relays: rest.slice(2, 4) };
    if (progress.deadlinePassed) void onDeadline(progress, ctx);
  }
  else if (word === 'exited') progress.exitCode = Number(rest[0]);
  else if (word === 'eof') progress.eof.add(rest[0]);
  else if (word === 'closed') progress.closed = true;
  else if (word === 'missing' || word === 'notexec') progress.notice = word;
  else if (word === 'execerror') progress.execError = `${rest[0]} with message ${rest.slice(1).join(' ')}`;
}

/**
 * One deadline covers the script's exit and the closing of its output, as in the agent: a script still
 * running gets SIGTERM on its process group (ScriptTimedOut); one that exited while a background child holds
 * its output open fails as OutputsLeftOpen, its children left running.
 */
async function onDeadline(progress: Progress, ctx: HookContext): Promise<void> {
  progress.deadlinePassed = true;
  const pids = progress.pids;
  if (!pids || progress.closed || progress.finished) return;
  if (progress.exitCode === undefined) {
    progress.timedOut = true;
    await ctx.shell.signal('TERM', [`-${pids.group}`]);
    await new Promise((resolve) => setTimeout(resolve, KILL_GRACE_MS).unref());
    if (progress.closed || progress.finished) return;
  } else {
    progress.leftOpen = true;
  }
  await ctx.shell.signal('KILL', [...pids.relays, pids.wrapper]);
}
