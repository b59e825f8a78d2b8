import type { ActionTypeDefinition } from './action-type-shapes.js';
import type { ActionTypeId } from './pipeline-declaration.js';

/** A job's status, as the CodePipeline model spells it (`JobStatus`). */
export type JobStatus = 'Created' | 'Queued' | 'Dispatched' | 'InProgress' | 'TimedOut' | 'Succeeded' | 'Failed';

/** Who takes a job: a job worker polling PollForJobs (custom actions, stand-ins) or a partner (PollForThirdPartyJobs). */
export type JobKind = 'Custom' | 'ThirdParty';

/** An artifact a job reads or writes, at its place in the artifact store bucket. */
export interface JobArtifactRecord {
  name: string;
  revision?: string;
  bucket: string;
  key: string;
}

/** How a job ended: what PutJobSuccessResult or PutJobFailureResult reported, or the timeout. */
export interface JobOutcome {
  status: 'Succeeded' | 'Failed' | 'TimedOut';
  summary?: string;
  percentComplete?: number;
  externalExecutionId?: string;
  currentRevision?: { revision: string; changeIdentifier: string; createdMs?: number; revisionSummary?: string };
  outputVariables?: Record<string, string>;
  continuationToken?: string;
  failureType?: string;
  message?: string;
}

/** One job CodePipeline made for one run of an action, kept until its action execution is forgotten. */
export interface JobRecord {
  id: string;
  account: string;
  region: string;
  kind: JobKind;
  status: JobStatus;
  nonce: string;
  /** ThirdParty jobs: the client id PollForThirdPartyJobs hands out and the token its calls must carry. */
  clientId?: string;
  clientToken?: string;
  actionTypeId: ActionTypeId;
  configuration: Record<string, string>;
  pipelineName: string;
  pipelineArn: string;
  pipelineExecutionId: string;
  stageName: string;
  actionName: string;
  actionExecutionId: string;
  inputArtifacts: JobArtifactRecord[];
  outputArtifacts: JobArtifactRecord[];
  continuationToken?: string;
  createdMs: number;
  updatedMs: number;
  /** When the job times out unless it was finished. */
  deadlineMs: number;
  outcome?: JobOutcome;
}

/** A custom action type of an account and region; deleted ones are kept so their version cannot be used again. */
export interface CustomActionTypeRecord {
  account: string;
  region: string;
  type: ActionTypeDefinition;
  deleted: boolean;
  createdMs: number;
}
