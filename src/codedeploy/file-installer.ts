import { posix } from 'node:path';
import { AgentError } from './agent-error.js';
import type { DeploymentPaths } from './agent-layout.js';
import type { AppSpec, FileExistsBehavior } from './appspec.js';
import type { RevisionBundle } from './bundle.js';
import type { InstanceShell } from './instance-shell.js';
import { planPermissions, type PermissionInstruction } from './permission-plan.js';

/** One step of an install plan: make a folder when absent (`D`), or copy a file of the revision (`F`). */
export type InstallStep = { kind: 'D'; path: string } | { kind: 'F'; source: string; destination: string };

function refusePath(what: string, path: string, why: string): AgentError {
  return new AgentError(`The deployment failed because the application specification file names ${what} (${path}) that ${why}; codepipeline-local refuses it.`);
}

function checkText(what: string, path: string): void {
  if (/[\0\n]/.test(path)) throw refusePath(what, JSON.stringify(path), 'contains a line break or NUL character');
}

/** A `source` resolved inside the revision ('' is its root); refused when it climbs out. */
function sourceInBundle(source: string): string {
  checkText('a source', source);
  const relative = posix.normalize(source.replace(/^\/+/, '') || '.');
  if (relative === '..' || relative.startsWith('../')) throw refusePath('a source', source, 'leaves the revision');
  return relative === '.' ? '' : relative.replace(/\/+$/, '');
}

/** A `destination` as the agent expands it; only absolute paths are accepted (a relative one would depend on the agent's folder). */
function destinationPath(destination: string): string {
  checkText('a destination', destination);
  if (!destination.startsWith('/')) throw refusePath('a destination', destination, 'is not an absolute path');
  const normalized = posix.normalize(destination);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

/** The folders above a path, from the top down, without `/` and the path itself. */
function ancestors(path: string): string[] {
  const found: string[] = [];
  for (let dir = posix.dirname(path); dir !== '/' && dir !== '.'; dir = posix.dirname(dir)) found.unshift(dir);
  return found;
}

/** Collects steps with the agent's CommandBuilder checks (codedeploy.md §1.3, install-time errors). */
class PlanBuilder {
  readonly steps: InstallStep[] = [];
  private readonly copies = new Map<string, string>();
  private readonly dirs = new Set<string>();

  dir(path: string): void {
    if (this.copies.has(path)) {
      throw new AgentError(
        `The deployment failed because the application specification file includes an mkdir command more than once for the same destination path (${path}) from (${this.copies.get(path)}). Update the files section of the AppSpec file, and then try again.`,
      );
    }
    if (this.dirs.has(path)) return;
    this.dirs.add(path);
    this.steps.push({ kind: 'D', path });
  }

  copy(source: string, destination: string): void {
    if (this.copies.has(destination)) {
      throw new AgentError(
        `The deployment failed because the application specification file specifies two source files named ${source} and ${this.copies.get(destination)} for the same destination (${destination}). Remove one of the source file paths from the AppSpec file, and then try again.`,
      );
    }
    if (this.dirs.has(destination)) {
      throw new AgentError(
        `The deployment failed because the application specification file calls for installing the file ${source}, but a file with that name already exists at the location (${destination}). Update your AppSpec file or directory structure, and then try again.`,
      );
    }
    this.copies.set(destination, source);
    this.steps.push({ kind: 'F', source, destination });
  }
}

/**
 * Plans the `files` section as the agent's Installer generates it: a folder source copies its contents
 * (the folder itself is not nested), anything else goes into `destination` as a folder (codedeploy.md §1.4).
 */
export function planInstall(appspec: AppSpec, bundle: RevisionBundle, archiveDir: string): InstallStep[] {
  const plan = new PlanBuilder();
  const walk = (relative: string, destination: string) => {
    plan.dir(destination);
    for (const name of bundle.children(relative)) {
      const child = relative === '' ? name : `${relative}/${name}`;
      checkText('a file of the revision', child);
      const target = posix.join(destination, name);
      if (bundle.kind(child) === 'directory') walk(child, target);
      else plan.copy(posix.join(archiveDir, child), target);
    }
  };
  for (const file of appspec.files) {
    const relative = sourceInBundle(file.source);
    const destination = destinationPath(file.destination);
    if (relative === '' || bundle.kind(relative) === 'directory') {
      ancestors(destination).forEach((dir) => plan.dir(dir));
      walk(relative, destination);
    } else {
      const target = posix.join(destination, posix.basename(relative));
      ancestors(target).forEach((dir) => plan.dir(dir));
      plan.copy(posix.join(archiveDir, relative), target);
    }
  }
  return plan.steps;
}

/** The plan as install.sh reads it: NUL-terminated fields. */
export function encodePlan(steps: readonly InstallStep[]): string {
  return steps.map((s) => (s.kind === 'D' ? `D\0${s.path}\0` : `F\0${s.source}\0${s.destination}\0`)).join('');
}

/** The result of an Install: the agent's install.json (written once Install succeeded). */
export interface InstallResult {
  installJson: string;
}

/** What runInstall needs. */
export interface InstallRequest {
  shell: InstanceShell;
  paths: DeploymentPaths;
  appspec: AppSpec;
  steps: readonly InstallStep[];
  behavior: FileExistsBehavior;
}

const MAX_PERMISSION_ARGS = 20_000; // arguments per command, well inside Linux's argv limits for usual paths

/** Runs the Install event on the instance: cleanup of the group's previous files, copies, then permissions. */
export async function runInstall(request: InstallRequest): Promise<InstallResult> {
  const { shell, paths, appspec, steps, behavior } = request;
  const objects = appspec.permissions.map((p) => posix.normalize(p.object));
  const result = await shell.run('install', [paths.installPlan, paths.cleanupFile, behavior, ...objects]);
  const report = readReport(result.lines, result.stderr);
  const executed = report.indexes('mkdir', 'copy').map((i) => steps[i]);
  const copied = executed.flatMap((s) => (s.kind === 'F' ? [s.destination] : []));
  const created = executed.flatMap((s) => (s.kind === 'D' ? [s.path] : []));
  const directories = new Set(report.indexes('isdir').map((i) => objects[i]));
  const permissions = planPermissions(appspec.permissions, copied, created, (object) => directories.has(object));
  const args = permissions.flatMap(permissionArgs);
  for (let at = 0; at < args.length; ) {
    // Cut between records, never inside one.
    let end = Math.min(args.length, at + MAX_PERMISSION_ARGS);
    while (end < args.length && !RECORD_STARTS.has(args[end])) end++;
    const applied = await shell.run('permissions', args.slice(at, end));
    readReport(applied.lines, applied.stderr);
    at = end;
  }
  return { installJson: installJson(executed, permissions) };
}

const RECORD_STARTS = new Set(['chmod', 'setfacl', 'semanage', 'chown']);

function permissionArgs(p: PermissionInstruction): string[] {
  switch (p.type) {
    case 'chmod':
      return ['chmod', p.mode, p.file];
    case 'setfacl':
      return ['setfacl', p.acl.join(','), p.file];
    case 'semanage':
      return ['semanage', p.context.name ?? '', p.context.type, p.context.range ?? '', p.file];
    case 'chown':
      return ['chown', p.owner ?? '', p.group ?? '', p.file];
  }
}

/** Reads the `M` lines of an install or permissions command; throws the agent's error when it failed. */
function readReport(lines: readonly string[], stderr: string): { indexes(...words: string[]): number[] } {
  const messages = lines.filter((l) => l.startsWith('M ')).map((l) => l.slice(2));
  const error = messages.find((m) => m.startsWith('error '));
  if (error !== undefined) throw new AgentError(error.slice('error '.length));
  if (!messages.includes('done')) throw new AgentError(`The Install event stopped unexpectedly on the instance: ${stderr.trim() || 'no output'}`);
  return {
    indexes: (...words) => messages.filter((m) => words.includes(m.split(' ')[0])).map((m) => Number(m.split(' ')[1])),
  };
}

function installJson(executed: readonly InstallStep[], permissions: readonly PermissionInstruction[]): string {
  const instructions = [
    ...executed.map((s) => (s.kind === 'D' ? { type: 'mkdir', directory: s.path } : { type: 'copy', source: s.source, destination: s.destination })),
    ...permissions,
  ];
  return JSON.stringify({ instructions });
}
