import { posix } from 'node:path';

/** The agent's root on an instance (`:root_dir:` of the CodeDeploy agent's configuration). */
export const DEPLOYMENT_ROOT = '/opt/codedeploy-agent/deployment-root';

/** Where one deployment lives on an instance, laid out as the CodeDeploy agent lays it out (codedeploy.md §2.2). */
export interface DeploymentPaths {
  /** `<root>/<deployment-group-id>/<deployment-id>`. */
  deploymentDir: string;
  /** The downloaded archive, named bundle.tar whatever its format. */
  bundle: string;
  /** The unpacked revision. */
  archiveDir: string;
  /** All hook output of this deployment. */
  scriptsLog: string;
  /** Every deployment's script output, with deployment ids. */
  deploymentsLog: string;
  /** Files and folders installed by the group's last Install, one path per line. */
  cleanupFile: string;
  /** The instructions of the group's last Install. */
  installJson: string;
  /** The deployment folder of the group's last successful Install. */
  lastSuccessfulInstall: string;
  /** The deployment folder of the group's last DownloadBundle. */
  mostRecentInstall: string;
  /** The install plan this emulator computes from the appspec (not an AWS file; next to the archive, never copied). */
  installPlan: string;
  /** The deployment group's folder, holding one folder per deployment. */
  groupDir: string;
}

/** The unpacked revision and the scripts.log of a deployment folder (`<root>/<group id>/<deployment id>`). */
export function deploymentDirPaths(deploymentDir: string): Pick<DeploymentPaths, 'archiveDir' | 'scriptsLog'> {
  return { archiveDir: posix.join(deploymentDir, 'deployment-archive'), scriptsLog: posix.join(deploymentDir, 'logs', 'scripts.log') };
}

/** The paths of one deployment of one deployment group on an instance. */
export function deploymentPaths(deploymentGroupId: string, deploymentId: string): DeploymentPaths {
  const groupDir = posix.join(DEPLOYMENT_ROOT, deploymentGroupId);
  const deploymentDir = posix.join(groupDir, deploymentId);
  const instructions = posix.join(DEPLOYMENT_ROOT, 'deployment-instructions');
  return {
    deploymentDir,
    groupDir,
    bundle: posix.join(deploymentDir, 'bundle.tar'),
    ...deploymentDirPaths(deploymentDir),
    deploymentsLog: posix.join(DEPLOYMENT_ROOT, 'deployment-logs', 'codedeploy-agent-deployments.log'),
    cleanupFile: posix.join(instructions, `${deploymentGroupId}-cleanup`),
    installJson: posix.join(instructions, `${deploymentGroupId}-install.json`),
    lastSuccessfulInstall: posix.join(instructions, `${deploymentGroupId}_last_successful_install`),
    mostRecentInstall: posix.join(instructions, `${deploymentGroupId}_most_recent_install`),
    installPlan: posix.join(deploymentDir, 'codepipeline-local-install-plan'),
  };
}

/** Archives the agent keeps per deployment group (`:max_revisions:`); older ones are deleted, never the last successful one. */
export const MAX_REVISIONS = 5;

/** Formats a time as the agent stamps scripts.log lines: `YYYY-MM-DD HH:MM:SS` (instances run in UTC). */
export function scriptsLogTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Formats a time as the agent stamps the deployments log: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function deploymentsLogTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}
