import type { Scope } from '../../store/index.js';

/** An application's ARN: `arn:aws:codedeploy:<region>:<account>:application:<name>`. */
export function applicationArn(scope: Scope, name: string): string {
  return `arn:aws:codedeploy:${scope.region}:${scope.account}:application:${name}`;
}

/** A deployment group's ARN: `arn:aws:codedeploy:<region>:<account>:deploymentgroup:<application>/<group>`. */
export function deploymentGroupArn(scope: Scope, applicationName: string, groupName: string): string {
  return `arn:aws:codedeploy:${scope.region}:${scope.account}:deploymentgroup:${applicationName}/${groupName}`;
}

/** The parts of a CodeDeploy resource ARN. */
export interface ParsedCodeDeployArn {
  region: string;
  account: string;
  resourceType: string;
  resource: string;
}

const ARN = /^arn:aws(?:-[\w]+)*:codedeploy:([^:]+):(\d{12}):([a-z]+):(.+)$/;

/** Splits a CodeDeploy ARN; undefined when it is not one. */
export function parseCodeDeployArn(arn: string): ParsedCodeDeployArn | undefined {
  const match = ARN.exec(arn);
  return match ? { region: match[1], account: match[2], resourceType: match[3], resource: match[4] } : undefined;
}
