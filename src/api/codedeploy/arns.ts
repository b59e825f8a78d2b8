import { formatArn, parseArn } from '../../shared/index.js';
import type { Scope } from '../../store/index.js';

/** An application's ARN: `arn:aws:codedeploy:<region>:<account>:application:<name>`. */
export function applicationArn(scope: Scope, name: string): string {
  return formatArn({ service: 'codedeploy', region: scope.region, account: scope.account, resource: `application:${name}` });
}

/** A deployment group's ARN: `arn:aws:codedeploy:<region>:<account>:deploymentgroup:<application>/<group>`. */
export function deploymentGroupArn(scope: Scope, applicationName: string, groupName: string): string {
  return formatArn({ service: 'codedeploy', region: scope.region, account: scope.account, resource: `deploymentgroup:${applicationName}/${groupName}` });
}

/** The parts of a CodeDeploy resource ARN. */
export interface ParsedCodeDeployArn {
  region: string;
  account: string;
  resourceType: string;
  resource: string;
}

// `<type>:<name>`, e.g. `application:my-app` or `deploymentgroup:my-app/my-group`.
const RESOURCE = /^([a-z]+):(.+)$/;

/** Splits a CodeDeploy ARN; undefined when it is not one. */
export function parseCodeDeployArn(arn: string): ParsedCodeDeployArn | undefined {
  const parsed = parseArn(arn, { service: 'codedeploy', accountId: true });
  const match = parsed?.region ? RESOURCE.exec(parsed.resource) : undefined;
  return parsed && match ? { region: parsed.region, account: parsed.account, resourceType: match[1], resource: match[2] } : undefined;
}
