import {
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
import { waitFor } from './wait.js';

/** Questions a test asks about executions through the public API, and waits on their answers. */
export interface ExecutionProbes {
  /** The id of the pipeline's oldest execution (the one CreatePipeline started). */
  firstExecution(name: string): Promise<string>;
  start(name: string): Promise<string>;
  status(name: string, id: string): Promise<string | undefined>;
  untilStatus(name: string, id: string, status: string, timeoutMs?: number): Promise<void>;
  summary(name: string, id: string): Promise<PipelineExecutionSummary | undefined>;
  stage(name: string, stageName: string): Promise<StageState>;
  action(name: string, stageName: string, actionName: string): Promise<ActionState>;
  untilAction(name: string, stageName: string, actionName: string, until: (a: ActionState) => boolean, timeoutMs?: number): Promise<ActionState>;
  /** Every action execution of one pipeline execution, oldest first. */
  actionExecutions(name: string, id: string): Promise<ActionExecutionDetail[]>;
}

/** Binds the probes to one SDK client. */
export function executionProbes(client: CodePipelineClient): ExecutionProbes {
  const probes: ExecutionProbes = {
    async firstExecution(name) {
      const out = await client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      return out.pipelineExecutionSummaries!.at(-1)!.pipelineExecutionId!;
    },
    async start(name) {
      return (await client.send(new StartPipelineExecutionCommand({ name }))).pipelineExecutionId!;
    },
    async status(name, id) {
      return (await client.send(new GetPipelineExecutionCommand({ pipelineName: name, pipelineExecutionId: id }))).pipelineExecution?.status;
    },
    async untilStatus(name, id, status, timeoutMs = 5000) {
      await waitFor(() => probes.status(name, id), { timeoutMs, description: `${name} ${id} ${status}` }, (s) => s === status);
    },
    async summary(name, id) {
      const out = await client.send(new ListPipelineExecutionsCommand({ pipelineName: name }));
      return out.pipelineExecutionSummaries!.find((s) => s.pipelineExecutionId === id);
    },
    async stage(name, stageName) {
      const state = await client.send(new GetPipelineStateCommand({ name }));
      return state.stageStates!.find((s) => s.stageName === stageName)!;
    },
    async action(name, stageName, actionName) {
      return (await probes.stage(name, stageName)).actionStates!.find((a) => a.actionName === actionName)!;
    },
    async untilAction(name, stageName, actionName, until, timeoutMs = 5000) {
      return waitFor(() => probes.action(name, stageName, actionName), { timeoutMs, description: `${name} ${stageName}.${actionName}` }, until);
    },
    async actionExecutions(name, id) {
      const out = await client.send(new ListActionExecutionsCommand({ pipelineName: name, filter: { pipelineExecutionId: id } }));
      // ListActionExecutions answers newest first.
      return out.actionExecutionDetails!.slice().reverse();
    },
  };
  return probes;
}
