/**
 * The CodeDeploy agent of codepipeline-local: deploys one revision to one instance container, event by event,
 * as aws-codedeploy-agent does on an EC2 instance (codedeploy.md §1-2).
 *
 * LIMITATIONS (AWS behaviour not emulated):
 * - Only the seven in-place events without a load balancer; no BlockTraffic/AllowTraffic events.
 * - `sudo` on hook scripts is ignored; `runas` uses `su`, as the agent does.
 * - Permission errors that the agent finds before copying (a bad pattern on a file object, an object named
 *   twice) are found here after the copies; the Install event fails the same way.
 * - SELinux `context` fails, as on an instance without semanage; `acls` use `setfacl -m` on the freshly
 *   installed files rather than rebuilding the whole ACL with `--set`.
 * - StopDeployment lets the running event finish and skips the rest; an agent lost part-way (its container
 *   stopped or restarted, its process killed) fails the event under way with the agent's restart message and is
 *   started again for the next deployment, without the agent's crash recovery (`ongoing-deployment/`); no agent
 *   log file (/var/log/aws/codedeploy-agent).
 * - The agent takes one command at a time per instance, so deployments to one instance at once take turns
 *   command by command.
 * - The last log lines and the archive retention are written just after the outcome is returned (the next
 *   deployment to the instance waits for them), not before.
 */
import { readFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { systemClock, type Clock, type Logger } from '../shared/index.js';
import { AgentError } from './agent-error.js';
import { AgentMemory, type LastInstall } from './agent-memory.js';
import { AgentSessions } from './agent-session.js';
import { engineUnreachableDiagnostics } from './engine-unreachable.js';
import { deploymentDirPaths, deploymentPaths, MAX_REVISIONS, type DeploymentPaths } from './agent-layout.js';
import { parseAppSpec, type AppSpec } from './appspec.js';
import { RevisionBundle } from './bundle.js';
import { encodePlan, planInstall, runInstall, type InstallStep } from './file-installer.js';
import { runHookEvent, successDiagnostics, type HookContext, type HookEventResult } from './hook-runner.js';
import { LIFECYCLE_EVENTS, type Diagnostics, type DeployToInstance, type InstanceDeploymentOutcome, type InstanceDeploymentRequest, type LifecycleEvent, type LifecycleEventName } from './instance-deployment.js';
import { InstanceShell } from './instance-shell.js';
import { OnInstanceLog } from './script-log.js';

/** What the agent needs. */
export interface AgentDeps {
  docker: Dockerode;
  log: Logger;
  /** Stamps lifecycle events (the system clock by default); script deadlines always run on real time. */
  clock?: Clock;
  /** The agent process of each instance container (one set of its own by default). */
  sessions?: AgentSessions;
  /**
   * The Docker engine the instance containers are on (`--executor docker-host`): an event whose engine cannot be
   * reached fails naming it, and `failed` marks the engine so (it returns why, or undefined for another error).
   */
  engine?: { host: string; failed(error: unknown): string | undefined };
}

/** Creates the agent: a DeployToInstance that runs the lifecycle in the target's container through its agent process. */
export function createAgent(deps: AgentDeps): DeployToInstance {
  const memory = new AgentMemory();
  const sessions = deps.sessions ?? new AgentSessions(deps);
  return (request) => new InstanceDeployment(deps, request, memory, sessions).run();
}

/** The revision as DownloadBundle left it for the later events. */
interface Revision {
  appspecText?: string;
  appspec?: AppSpec;
  appspecError?: AgentError;
  steps?: InstallStep[];
  planError?: AgentError;
}

function missingAppSpec(archiveDir: string): AgentError {
  return new AgentError(
    `The CodeDeploy agent did not find an AppSpec file within the unpacked revision directory at revision-relative path "appspec.yml". The revision was unpacked to directory "${archiveDir}", and the AppSpec file was expected but not found at path "${archiveDir}/appspec.yml". Consult the AWS CodeDeploy Appspec documentation for more information at http://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file.html`,
  );
}

/** One deployment of one revision to one instance. */
class InstanceDeployment {
  private readonly clock: Clock;
  private readonly shell: InstanceShell;
  private readonly paths: DeploymentPaths;
  private readonly onInstanceLog: OnInstanceLog;
  private readonly events: LifecycleEvent[] = LIFECYCLE_EVENTS.map((name) => ({ lifecycleEventName: name, status: 'Pending' }));
  private revision: Revision = {};
  /** The group's last successful install when the deployment started, which the archive retention spares. */
  private lastAtStart = '';

  constructor(
    private readonly deps: AgentDeps,
    private readonly request: InstanceDeploymentRequest,
    private readonly memory: AgentMemory,
    sessions: AgentSessions,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.shell = new InstanceShell(deps.docker, request.target.container, sessions);
    this.paths = deploymentPaths(request.deploymentGroupId, request.deploymentId);
    this.onInstanceLog = new OnInstanceLog(this.shell, request.deploymentId, this.paths.deploymentsLog);
  }

  async run(): Promise<InstanceDeploymentOutcome> {
    let failed = false;
    for (const event of this.events) {
      if (this.request.signal.aborted) break;
      const result = await this.runEvent(event);
      const ignored = event.lifecycleEventName === 'ApplicationStop' && this.request.ignoreApplicationStopFailures;
      if (!result.succeeded && !ignored) {
        failed = true;
        break;
      }
    }
    this.skipRest();
    this.writeLastRecords();
    return { status: this.outcomeStatus(failed), events: this.events.map((e) => ({ ...e })) };
  }

  /** Stopped before any event: untouched (Skipped); stopped part-way: left half-updated, so not healthy (Failed). */
  private outcomeStatus(failed: boolean): InstanceDeploymentOutcome['status'] {
    const ran = this.events.some((e) => e.status === 'Succeeded' || e.status === 'Failed');
    const stoppedPartWay = ran && this.events.some((e) => e.status === 'Skipped');
    return failed || stoppedPartWay ? 'Failed' : ran ? 'Succeeded' : 'Skipped';
  }

  /**
   * Writes the last log lines and applies the archive retention (which the agent does when it downloads a
   * bundle) in the background: the outcome does not wait for them, the instance's next deployment does.
   */
  private writeLastRecords(): void {
    const downloaded = this.events.find((e) => e.lifecycleEventName === 'DownloadBundle')?.status !== 'Skipped';
    const retention = downloaded ? [this.paths.groupDir, this.paths.deploymentDir, this.lastAtStart, String(MAX_REVISIONS)] : [];
    this.shell.flushInBackground(retention, (error) => this.deps.log.warn({ err: error, instance: this.request.target.instanceName }, 'could not write the agent logs on the instance'));
  }

  private async runEvent(event: LifecycleEvent): Promise<HookEventResult> {
    event.status = 'InProgress';
    event.startMs = this.clock.now();
    this.request.onEvent({ ...event });
    let result: HookEventResult;
    try {
      result = await this.handle(event.lifecycleEventName as LifecycleEventName); // the agent makes only in-place events (see `events` above)
    } catch (error) {
      const unreachable = this.deps.engine?.failed(error);
      if (unreachable !== undefined) result = { succeeded: false, diagnostics: engineUnreachableDiagnostics(this.deps.engine!.host, this.request.target.instanceName, unreachable) };
      else {
        if (!(error instanceof AgentError)) this.deps.log.error({ err: error, instance: this.request.target.instanceName }, `${event.lifecycleEventName} failed unexpectedly`);
        result = { succeeded: false, diagnostics: unknownError(error) };
      }
    }
    event.status = result.succeeded ? 'Succeeded' : 'Failed';
    event.endMs = this.clock.now();
    event.diagnostics = result.diagnostics;
    this.request.onEvent({ ...event });
    return result;
  }

  private skipRest(): void {
    const endMs = this.clock.now();
    for (const event of this.events.filter((e) => e.status === 'Pending')) {
      event.status = 'Skipped';
      event.endMs = endMs;
      this.request.onEvent({ ...event });
    }
  }

  private handle(name: LifecycleEventName): Promise<HookEventResult> {
    switch (name) {
      case 'ApplicationStop':
        return this.applicationStop();
      case 'DownloadBundle':
        return this.downloadBundle();
      case 'Install':
        return this.install();
      default:
        return this.hooksOfRevision(name);
    }
  }

  private env(): Record<string, string> {
    const { deploymentId, applicationName, deploymentGroupName, deploymentGroupId, s3Location } = this.request;
    return {
      DEPLOYMENT_ID: deploymentId,
      APPLICATION_NAME: applicationName,
      DEPLOYMENT_GROUP_NAME: deploymentGroupName,
      DEPLOYMENT_GROUP_ID: deploymentGroupId,
      ...(s3Location
        ? {
            BUNDLE_BUCKET: s3Location.bucket,
            BUNDLE_KEY: s3Location.key,
            ...(s3Location.version ? { BUNDLE_VERSION: s3Location.version } : {}),
            ...(s3Location.eTag ? { BUNDLE_ETAG: s3Location.eTag } : {}),
          }
        : {}),
    };
  }

  private lastInstall(): LastInstall | undefined {
    return this.memory.lastInstall(this.request.target.container, this.request.deploymentGroupId);
  }

  /** The group's last successful install on the instance: remembered, or read there. */
  private async findLastInstall(): Promise<LastInstall | undefined> {
    const known = this.lastInstall();
    if (known) return known;
    const probe = await this.shell.run('probe', [this.paths.lastSuccessfulInstall]);
    const messages = probe.lines.filter((l) => l.startsWith('M ')).map((l) => l.slice(2).split(' '));
    const dir = messages.find((m) => m[0] === 'last')?.slice(1).join(' ');
    if (dir === undefined) return undefined;
    const found = messages.find((m) => m[0] === 'appspec');
    if (!found) throw missingAppSpec(deploymentDirPaths(dir).archiveDir);
    return { dir, appspecText: Buffer.from(found[2] ?? '', 'base64').toString('utf8') };
  }

  /** Runs the last successful revision's ApplicationStop scripts; a no-op on the group's first deployment here. */
  private async applicationStop(): Promise<HookEventResult> {
    const last = await this.findLastInstall();
    this.lastAtStart = last?.dir ?? '';
    if (!last) return { succeeded: true, diagnostics: successDiagnostics() };
    const appspec = parseAppSpec(last.appspecText);
    // The old revision's scripts log into the old deployment's scripts.log, as the agent's HookExecutor does.
    return runHookEvent('ApplicationStop', appspec.hooks.ApplicationStop ?? [], this.hookContext(deploymentDirPaths(last.dir)));
  }

  /** Unpacks the revision into the deployment's folder on the instance (one copy into the container). */
  private async downloadBundle(): Promise<HookEventResult> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.request.bundleZip);
    } catch (error) {
      throw new AgentError(`The revision bundle could not be read: ${(error as Error).message}`, { cause: error });
    }
    const bundle = await RevisionBundle.read(bytes);
    this.revision = this.readRevision(bundle);
    const extra = [
      { path: this.paths.bundle, content: bytes },
      { path: this.paths.mostRecentInstall, content: this.paths.deploymentDir },
      ...(this.revision.steps ? [{ path: this.paths.installPlan, content: encodePlan(this.revision.steps), mode: 0o600 }] : []),
    ];
    await this.shell.putArchive(bundle.toTar(this.paths.archiveDir, extra));
    return { succeeded: true, diagnostics: successDiagnostics() };
  }

  private readRevision(bundle: RevisionBundle): Revision {
    const found = bundle.appspec();
    if (!found) return { appspecError: missingAppSpec(this.paths.archiveDir) };
    let appspec: AppSpec;
    try {
      appspec = parseAppSpec(found.text);
    } catch (error) {
      return { appspecText: found.text, appspecError: error as AgentError };
    }
    for (const warning of appspec.warnings) this.deps.log.warn({ deploymentId: this.request.deploymentId }, `appspec: ${warning}`);
    try {
      return { appspecText: found.text, appspec, steps: planInstall(appspec, bundle, this.paths.archiveDir) };
    } catch (error) {
      return { appspecText: found.text, appspec, planError: error as AgentError };
    }
  }

  private currentAppSpec(): AppSpec {
    if (this.revision.appspecError) throw this.revision.appspecError;
    if (!this.revision.appspec) throw new AgentError('The revision was not downloaded');
    return this.revision.appspec;
  }

  /** Copies the files, applies the permissions, and records the install for the group's next deployment. */
  private async install(): Promise<HookEventResult> {
    const appspec = this.currentAppSpec();
    if (this.revision.planError) throw this.revision.planError;
    // The appspec's own file_exists_behavior wins over the deployment's (codedeploy.md §1.4).
    const behavior = appspec.fileExistsBehavior ?? this.request.fileExistsBehavior;
    const result = await runInstall({ shell: this.shell, paths: this.paths, appspec, steps: this.revision.steps ?? [], behavior });
    this.shell.queue({ path: this.paths.installJson, mode: 'replace', content: result.installJson });
    this.shell.queue({ path: this.paths.lastSuccessfulInstall, mode: 'replace', content: this.paths.deploymentDir });
    this.memory.rememberInstall(this.request.target.container, this.request.deploymentGroupId, { dir: this.paths.deploymentDir, appspecText: this.revision.appspecText ?? '' });
    return { succeeded: true, diagnostics: successDiagnostics() };
  }

  private hooksOfRevision(name: LifecycleEventName): Promise<HookEventResult> {
    const appspec = this.currentAppSpec();
    return runHookEvent(name, appspec.hooks[name] ?? [], this.hookContext(this.paths));
  }

  /** Where hook scripts of a deployment folder run: its unpacked revision, logging into its scripts.log. */
  private hookContext(dirs: Pick<DeploymentPaths, 'archiveDir' | 'scriptsLog'>): HookContext {
    return { shell: this.shell, log: this.onInstanceLog, archiveDir: dirs.archiveDir, scriptsLog: dirs.scriptsLog, env: this.env() };
  }
}

function unknownError(error: unknown): Diagnostics {
  const message = error instanceof Error ? error.message : String(error);
  return { errorCode: 'UnknownError', scriptName: '', message, logTail: '' };
}
