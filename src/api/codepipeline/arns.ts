import type { Scope } from '../../store/index.js';

/** Builds a pipeline's ARN: `arn:aws:codepipeline:<region>:<account>:<name>`. */
export function pipelineArn(scope: Scope, name: string): string {
  return `arn:aws:codepipeline:${scope.region}:${scope.account}:${name}`;
}

/** The parts of a CodePipeline resource ARN. */
export interface ParsedArn {
  region: string;
  account: string;
  resource: string;
}

const ARN = /^arn:aws(?:-[\w]+)*:codepipeline:([^:]+):(\d{12}):(.+)$/;

/** Splits a CodePipeline ARN into region, account and resource; undefined when it is not one. */
export function parseCodePipelineArn(arn: string): ParsedArn | undefined {
  const match = ARN.exec(arn);
  return match ? { region: match[1], account: match[2], resource: match[3] } : undefined;
}
