import {
  CreatePipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
  type ActionExecutionDetail,
  type ActionState,
  type CodePipelineClient,
  type PipelineExecutionSummary,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import type { PipelineDeclaration } from '../../src/model/index.js';
import { firstExecutionId, waitFor } from './wait.js';

/** Questions a test asks about executions through the public API, and waits on their answers. */
export interface ExecutionProbes {
  /** The id of the only execution of a newly created pipeline (the one CreatePipeline started). */
  firstExecution(name: string): Promise<string>;
  /** Creates the pipeline and returns the id of the execution CreatePipeline started. */
  create(pipeline: PipelineDeclaration): Promise<string>;
  start(name: string): Promise<string>;
  status(name: string, id: string): Promise<string | undefined>;
  untilStatus(name: string, id: string, status: string, timeoutMs?: number): Promise<void>;
  summary(name: string, id: string): Promise<PipelineExecutionSummary | undefined>;
  stage(name: string, stageName: string): Promise<StageState>;
  action(name: string, stageName: string, actionName: string): Promise<ActionState>;
  untilAction(name: string, stageName: string, actionName: string, until: (a: ActionState) => boolean, timeoutMs?: number): Promise<ActionState>;
  /** Every action execution of one pipeline execution, oldest first. */
  actionExecutions(name: string, id: string): Promise<ActionExecutionDetail[]>;
  /** The action executions of one pipeline execution by action name; an action that ran more than once maps to its latest run. */
  actionsByName(name: string, id: string): Promise<Record<string, ActionExecutionDetail>>;
}

/** Binds the probes to one SDK client, or to a getter of one that a beforeAll has yet to create. */
export function executionProbes(source: CodePipelineClient | (() => CodePipelineClient)): ExecutionProbes {
  // Each probe asks for the client when it runs, so probes can be bound while a describe block is being collected.
  const sdk = (): CodePipelineClient => (typeof source === 'function' ? source() : source);
  const probes: ExecutionProbes = {
    async firstExecution(name) {
      return firstExecutionId(sdk(), name);
    },
    async create(pipeline) {
      await sdk().send(new CreatePipelineCommand({ pipeline }));
      return probes.firstExecution(pipeline.name);
    },
    async start(name) {
      return (await sdk().send(new StartPipelineExecutionCommand({ name }))).pipelineExecutionId!;
    },
    async status(name, id) {
      return (await sdk().send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }))).pipelineExecution?.status;
    },
    async untilStatus(name, id, status, timeoutMs) {
      await waitFor(() => probes.status(name, id), { timeoutMs, description: `${name} ${id} ${status}` }, (s) => s === status);
    },
    async summary(name, id) {
      const out = await sdk().send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      return out.pipelineExecutionSummaries!.find((s) => s.pipelineExecutionId === id);
    },
    async stage(name, stageName) {
      const state = await sdk().send(new GetPipelineStateCommand({ name }));
      return state.stageStates!.find((s) => s.stageName === stageName)!;
    },
    async action(name, stageName, actionName) {
      return (await probes.stage(name, stageName)).actionStates!.find((a) => a.actionName === actionName)!;
    },
    async untilAction(name, stageName, actionName, until, timeoutMs) {
      return waitFor(() => probes.action(name, stageName, actionName), { timeoutMs, description: `${name} ${stageName}.${actionName}` }, until);
    },
    async actionExecutions(name, id) {
      const out = await sdk().send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }));
      // ListActionExecutions answers newest first.
      return out.actionExecutionDetails!.slice().reverse();
    },
    async actionsByName(name, id) {
      return Object.fromEntries((await probes.actionExecutions(name, id)).map((d) => [d.actionName!, d]));
    },
  };
  return probes;
}
