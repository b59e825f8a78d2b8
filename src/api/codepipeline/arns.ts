import { formatArn, parseArn } from '../../shared/index.js';
import type { Scope } from '../../store/index.js';

/** Builds a pipeline's ARN: `arn:aws:codepipeline:<region>:<account>:<name>`. */
export function pipelineArn(scope: Scope, name: string): string {
  return formatArn({ service: 'codepipeline', region: scope.region, account: scope.account, resource: name });
}

/** The parts of a CodePipeline resource ARN. */
export interface ParsedArn {
  region: string;
  account: string;
  resource: string;
}

/** Splits a CodePipeline ARN into region, account and resource; undefined when it is not one. */
export function parseCodePipelineArn(arn: string): ParsedArn | undefined {
  const parsed = parseArn(arn, { service: 'codepipeline', accountId: true });
  return parsed?.region && parsed.resource ? { region: parsed.region, account: parsed.account, resource: parsed.resource } : undefined;
}
