import type { ActionTypeDefinition, ActionTypeId, EnvironmentVariable } from '../model/index.js';
import type { Logger } from '../shared/index.js';

/** An artifact's object in the pipeline's artifact store: the `s3location` AWS reports. */
export interface ArtifactObjectLocation {
  bucket: string;
  key: string;
}

/** An input artifact handed to an action: its name and the zip file that holds it. */
export interface JobInputArtifact {
  name: string;
  zipPath: string;
  /** Its bucket and key in the pipeline's artifact store, when it is kept there. */
  location?: ArtifactObjectLocation;
  /** The revision of the source that made it, when known. */
  revisionId?: string;
}

/** What an action is asked to do: its resolved configuration, artifacts and identity. */
export interface ActionJob {
  account: string;
  region: string;
  pipelineName: string;
  pipelineExecutionId: string;
  stageName: string;
  actionName: string;
  actionExecutionId: string;
  actionTypeId: ActionTypeId;
  /** Configuration with every `#{...}` variable already resolved. */
  configuration: Record<string, string>;
  inputArtifacts: JobInputArtifact[];
  /** The names of the output artifacts the action must produce. */
  outputArtifactNames: string[];
  /** A Commands action's fields, declared outside its configuration: its shell commands, the variables it exports, its environment, and the files its output artifact takes. */
  commands?: string[];
  outputVariables?: string[];
  environmentVariables?: EnvironmentVariable[];
  outputArtifactFiles?: string[];
  /** The bucket of the artifact store of the action's region, where its outputs will be kept (job workers upload there). */
  artifactBucket?: string;
  namespace?: string;
  /** The action's declared timeout (Manual approval only), in minutes. */
  timeoutInMinutes?: number;
  /** A folder the action may write scratch files into; removed after the action. */
  workDir: string;
  /** The role the action runs as: its own roleArn, else the pipeline's service role. */
  roleArn?: string;
  /** Source revisions a caller asked StartPipelineExecution to use, for source actions. */
  sourceRevisionOverride?: { revisionType: string; revisionValue: string };
}

/** Progress an action reports while it runs; every field is optional and merged into what was reported before. */
export interface ActionProgress {
  summary?: string;
  percentComplete?: number;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  /** Who last changed the action (an approval's approver), as `lastUpdatedBy` reports it. */
  updatedBy?: string;
}

/** The outcome of a manual approval. */
export interface ApprovalOutcome {
  status: 'Approved' | 'Rejected';
  summary: string;
  approvedBy: string;
}

/** What the engine gives an action while it runs. */
export interface ActionContext {
  /** Aborted when the action is abandoned (StopPipelineExecution with abandon) or the emulator shuts down. */
  signal: AbortSignal;
  log: Logger;
  progress(update: ActionProgress): void;
  /** Waits for PutApprovalResult with a token the engine issues (or finds again after a restart), or for the timeout. */
  awaitApproval(timeoutMinutes: number): Promise<ApprovalOutcome>;
}

/** A source revision an action fetched. */
export interface ActionRevision {
  revisionId: string;
  revisionChangeId?: string;
  createdMs?: number;
  summary?: string;
  url?: string;
}

/** A successful action: what it produced. Output artifacts are zip files the engine moves into the artifact store. */
export interface ActionResult extends ActionProgress {
  outputVariables?: Record<string, string>;
  outputArtifacts?: Record<string, string>;
  /** Outputs the action already put in the artifact store where it was told to (a job worker uploads its own): kept there, not copied. */
  storedOutputArtifacts?: Record<string, ArtifactObjectLocation>;
  revision?: ActionRevision;
}

/** How an action failed, in CodePipeline's `errorDetails` terms. */
export type ActionFailureCode = 'JobFailed' | 'ConfigurationError' | 'PermissionError' | 'RevisionOutOfSync' | 'RevisionUnavailable' | 'SystemUnavailable';

/** A domain failure of an action: its code and message for `errorDetails`, and whether retrying can help. */
export class ActionFailure extends Error {
  constructor(
    readonly code: ActionFailureCode,
    message: string,
    readonly retryable: boolean,
    readonly details: ActionProgress = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ActionFailure';
  }
}

/** One action type's behaviour: run the job, report progress, and return its result or throw an ActionFailure. */
export interface ActionProvider {
  /** The action type this provider implements. */
  readonly type: ActionTypeDefinition;
  /** True when the work survives an emulator restart and run() may be called again for the same action execution. */
  readonly resumable?: boolean;
  run(job: ActionJob, ctx: ActionContext): Promise<ActionResult>;
}

/** Finds the provider of an action type; the engine knows providers only through this. */
export interface ProviderLookup {
  find(id: ActionTypeId): ActionProvider | undefined;
}
