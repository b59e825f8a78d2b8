import type { Scope } from '../../model/index.js';
import type { CodePipelineDeps } from './deps.js';
import * as errors from './errors.js';

/** With --iam, refuses a pipeline whose service role does not exist or does not trust codepipeline.amazonaws.com, in AWS's words. */
export function assertServiceRole(deps: CodePipelineDeps, scope: Scope, roleArn: string): void {
  if (deps.serviceRoles && !deps.serviceRoles.trustsCodePipeline(scope, roleArn)) {
    throw new errors.InvalidStructureException(`CodePipeline is not authorized to perform AssumeRole on role ${roleArn}`);
  }
}
