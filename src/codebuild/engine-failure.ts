/**
 * The PROVISIONING context message of a build whose Docker engine could not be reached (`--executor docker-host`):
 * which engine, what the socket said, and that the next build goes elsewhere. Wording inferred: CodeBuild has no
 * user-chosen engines, so AWS has no message for this.
 */
export function engineUnreachableMessage(host: string, why: string): string {
  return `Unable to reach the Docker engine ${host}: ${why.trim()}. The build was not started; the next build is placed on another engine`; // wording inferred
}
