import { useState } from 'preact/hooks';
import {
  disableStageTransition,
  putApprovalResult,
  retryStageExecution,
  startPipelineExecution,
  stopPipelineExecution,
  type PipelineDeclaration,
  type PipelineExecutionSummary,
} from '../../api/codepipeline.js';
import { ActionDialog } from '../../components/action-dialog.js';
import { ExternalLink } from '../../components/external-link.js';
import { shortId } from '../../lib/format.js';
import type { ActionView } from './pipeline-data.js';

/** The dialog the pipeline view shows, if any. */
export type PipelineDialog =
  | { kind: 'release' }
  | { kind: 'stop' }
  | { kind: 'retry'; stageName: string; pipelineExecutionId: string }
  | { kind: 'disable'; stageName: string }
  | { kind: 'review'; stageName: string; action: ActionView }
  | { kind: 'override'; stageName: string; conditionType: 'BEFORE_ENTRY' | 'ON_SUCCESS'; pipelineExecutionId: string }
  | { kind: 'rollback'; stageName: string; currentExecutionId?: string };

interface DialogProps {
  pipeline: PipelineDeclaration;
  onClose: () => void;
  onDone: (message?: string) => void;
}

/** Release change: starts an execution, asking for the values of V2 pipeline variables. */
export function ReleaseDialog(props: DialogProps) {
  const declared = props.pipeline.variables ?? [];
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(declared.map((v) => [v.name, v.defaultValue ?? ''])));
  const submit = async () => {
    const variables = declared.filter((v) => values[v.name]).map((v) => ({ name: v.name, value: values[v.name] }));
    const out = await startPipelineExecution(props.pipeline.name, variables);
    return `Started execution ${shortId(out.pipelineExecutionId)}.`;
  };
  return (
    <ActionDialog title="Release change" submitLabel="Release" onSubmit={submit} onClose={props.onClose} onDone={props.onDone} testId="release-dialog">
      <p>Releasing a change runs the most recent revision of each source through the pipeline.</p>
      {declared.map((v) => (
        <label class="field" key={v.name}>
          <span class="label">{v.name}</span>
          {v.description && <span class="hint">{v.description}</span>}
          <input value={values[v.name]} onInput={(e) => setValues({ ...values, [v.name]: e.currentTarget.value })} />
        </label>
      ))}
    </ActionDialog>
  );
}

/** Stop execution: stop and wait for in-flight actions, or abandon them, with an optional reason. */
export function StopDialog(props: DialogProps & { executions: PipelineExecutionSummary[] }) {
  const [id, setId] = useState(props.executions[0]?.pipelineExecutionId ?? '');
  const [abandon, setAbandon] = useState(false);
  const [reason, setReason] = useState('');
  const submit = async () => {
    await stopPipelineExecution(props.pipeline.name, id, abandon, reason.trim() || undefined);
    return `Stopping execution ${shortId(id)}.`;
  };
  return (
    <ActionDialog title="Stop execution" submitLabel="Stop" danger onSubmit={submit} onClose={props.onClose} onDone={props.onDone} canSubmit={Boolean(id)} testId="stop-dialog">
      <label class="field">
        <span class="label">Execution</span>
        <select value={id} onChange={(e) => setId(e.currentTarget.value)}>
          {props.executions.map((e) => (
            <option key={e.pipelineExecutionId} value={e.pipelineExecutionId}>
              {e.pipelineExecutionId} ({e.status})
            </option>
          ))}
        </select>
      </label>
      <fieldset class="field">
        <legend class="label">Stop mode</legend>
        <label class="radio">
          <input type="radio" name="mode" checked={!abandon} onChange={() => setAbandon(false)} /> <strong>Stop and wait</strong>
          <span class="hint">In-progress actions finish; no new action starts.</span>
        </label>
        <label class="radio">
          <input type="radio" name="mode" checked={abandon} onChange={() => setAbandon(true)} data-testid="stop-abandon" /> <strong>Stop and abandon</strong>
          <span class="hint">In-progress actions are abandoned at once and do not complete.</span>
        </label>
      </fieldset>
      <label class="field">
        <span class="label">Reason (optional)</span>
        <textarea rows={2} maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
    </ActionDialog>
  );
}

/** Retry stage: the failed actions only, or every action of the stage. */
export function RetryDialog(props: DialogProps & { stageName: string; pipelineExecutionId: string }) {
  const [mode, setMode] = useState<'FAILED_ACTIONS' | 'ALL_ACTIONS'>('FAILED_ACTIONS');
  const submit = async () => {
    await retryStageExecution(props.pipeline.name, props.stageName, props.pipelineExecutionId, mode);
    return `Retrying stage ${props.stageName}.`;
  };
  return (
    <ActionDialog title={`Retry stage ${props.stageName}`} submitLabel="Retry" onSubmit={submit} onClose={props.onClose} onDone={props.onDone} testId="retry-dialog">
      <p>
        Retries stage <strong>{props.stageName}</strong> of execution <code>{shortId(props.pipelineExecutionId)}</code>.
      </p>
      <label class="radio">
        <input type="radio" name="retry" checked={mode === 'FAILED_ACTIONS'} onChange={() => setMode('FAILED_ACTIONS')} /> <strong>Retry failed actions</strong>
      </label>
      <label class="radio">
        <input type="radio" name="retry" checked={mode === 'ALL_ACTIONS'} onChange={() => setMode('ALL_ACTIONS')} data-testid="retry-all" /> <strong>Retry all actions</strong>
      </label>
    </ActionDialog>
  );
}

/** Disable transition: executions stop in front of the stage until it is enabled again. */
export function DisableTransitionDialog(props: DialogProps & { stageName: string }) {
  const [reason, setReason] = useState('');
  const submit = async () => {
    await disableStageTransition(props.pipeline.name, props.stageName, reason);
    return `Transition to ${props.stageName} disabled.`;
  };
  return (
    <ActionDialog title="Disable transition" submitLabel="Disable" onSubmit={submit} onClose={props.onClose} onDone={props.onDone} testId="disable-dialog">
      <p>
        Executions will wait in front of <strong>{props.stageName}</strong> until the transition is enabled again.
      </p>
      <label class="field">
        <span class="label">Reason</span>
        <input value={reason} maxLength={300} onInput={(e) => setReason(e.currentTarget.value)} placeholder="Freeze until Monday" data-testid="disable-reason" />
        <span class="hint">Letters, digits, spaces and ! @ ( ) . * ? - only, as AWS allows.</span>
      </label>
    </ActionDialog>
  );
}

/** Review an approval: approve or reject with a comment. */
export function ReviewDialog(props: DialogProps & { stageName: string; action: ActionView }) {
  const [status, setStatus] = useState<'Approved' | 'Rejected'>('Approved');
  const [comment, setComment] = useState('');
  const config = props.action.declaration.configuration ?? {};
  const token = props.action.state?.latestExecution?.token;
  const submit = async () => {
    if (!token) throw new Error('This approval has no token to answer with (in PARALLEL mode, open its details to review it).');
    await putApprovalResult(props.pipeline.name, props.stageName, props.action.declaration.name, token, status, comment);
    return `${props.action.declaration.name} ${status.toLowerCase()}.`;
  };
  return (
    <ActionDialog title={`Review: ${props.action.declaration.name}`} submitLabel="Submit" onSubmit={submit} onClose={props.onClose} onDone={props.onDone} testId="review-dialog">
      {config.CustomData && <p class="approval-data">{config.CustomData}</p>}
      {config.ExternalEntityLink && (
        <p>
          URL for review:{' '}
          <ExternalLink url={config.ExternalEntityLink} data-testid="external-entity-link" />
        </p>
      )}
      <label class="radio">
        <input type="radio" name="decision" checked={status === 'Approved'} onChange={() => setStatus('Approved')} data-testid="approve" /> <strong>Approve</strong>
      </label>
      <label class="radio">
        <input type="radio" name="decision" checked={status === 'Rejected'} onChange={() => setStatus('Rejected')} data-testid="reject" /> <strong>Reject</strong>
      </label>
      <label class="field">
        <span class="label">Comments</span>
        <textarea rows={3} maxLength={512} value={comment} onInput={(e) => setComment(e.currentTarget.value)} data-testid="review-comment" />
      </label>
    </ActionDialog>
  );
}
