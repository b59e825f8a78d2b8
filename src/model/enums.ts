/** Values copied verbatim from the CodePipeline service model (botocore service-2.json). */

/** The pipeline types AWS offers. */
export const PipelineType = { V1: 'V1', V2: 'V2' } as const;
/** A pipeline type, as the SDK spells it. */
export type PipelineType = (typeof PipelineType)[keyof typeof PipelineType];

/** How a pipeline handles several executions at once. */
export const ExecutionMode = { QUEUED: 'QUEUED', SUPERSEDED: 'SUPERSEDED', PARALLEL: 'PARALLEL' } as const;
/** An execution mode, as the SDK spells it. */
export type ExecutionMode = (typeof ExecutionMode)[keyof typeof ExecutionMode];

/** The categories an action type belongs to. */
export const ActionCategory = {
  Source: 'Source',
  Build: 'Build',
  Deploy: 'Deploy',
  Test: 'Test',
  Invoke: 'Invoke',
  Approval: 'Approval',
  Compute: 'Compute',
} as const;
/** An action category, as the SDK spells it. */
export type ActionCategory = (typeof ActionCategory)[keyof typeof ActionCategory];

/** Who owns an action type. */
export const ActionOwner = { AWS: 'AWS', ThirdParty: 'ThirdParty', Custom: 'Custom' } as const;
/** An action owner, as the SDK spells it. */
export type ActionOwner = (typeof ActionOwner)[keyof typeof ActionOwner];
