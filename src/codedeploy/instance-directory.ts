import type { InstanceTag, Scope } from '../store/index.js';

/** A registered instance that deployments can target: a long-lived container standing in for an instance. */
export interface DeployableInstance {
  instanceName: string;
  /** `arn:aws:codedeploy:<region>:<account>:instance/<name>`, reported as the target's ARN. */
  instanceArn: string;
  tags: InstanceTag[];
  /** The Docker container id or name the agent execs into. */
  container: string;
}

/** Where deployments find the instances of a scope (the instances feature's store, behind an adapter). */
export interface InstanceDirectory {
  /** The instances registered (not deregistered) in a scope. */
  registered(scope: Scope): DeployableInstance[];
}
