import type { Diagnostics } from './instance-deployment.js';

/**
 * The diagnostics of a lifecycle event that could not run because the Docker engine of the instance's container
 * could not be reached (`--executor docker-host`). Wording inferred: CodeDeploy has no engines; an EC2 instance whose
 * agent stops answering times the event out instead, which would hold the deployment for an hour here.
 */
export function engineUnreachableDiagnostics(host: string, instanceName: string, why: string): Diagnostics {
  return {
    errorCode: 'UnknownError',
    scriptName: '',
    message: `codepipeline-local could not reach the Docker engine ${host} of instance ${instanceName}: ${why}. The instance stays on that engine: start the engine again, or deregister the instance and register it again to place it on another one.`,
    logTail: '',
  };
}
