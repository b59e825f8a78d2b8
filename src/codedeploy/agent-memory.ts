/** The last successful install of a deployment group on an instance, as last_successful_install names it. */
export interface LastInstall {
  /** The deployment folder (`<root>/<group id>/<deployment id>`). */
  dir: string;
  /** The text of its appspec, whose ApplicationStop scripts the next deployment runs. */
  appspecText: string;
}

/**
 * What one agent remembers between deployments, so it need not ask the instance again: each group's last
 * successful install per container (the instance's records stay the truth; after a restart of the emulator
 * the agent reads them again).
 */
export class AgentMemory {
  private readonly lastInstalls = new Map<string, LastInstall>();

  /** The last successful install this agent made for a group on a container, if it made one. */
  lastInstall(containerId: string, deploymentGroupId: string): LastInstall | undefined {
    return this.lastInstalls.get(`${containerId}/${deploymentGroupId}`);
  }

  /** Remembers an install that succeeded. */
  rememberInstall(containerId: string, deploymentGroupId: string, install: LastInstall): void {
    this.lastInstalls.set(`${containerId}/${deploymentGroupId}`, install);
  }
}
