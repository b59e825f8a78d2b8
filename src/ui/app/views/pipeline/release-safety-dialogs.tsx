import { useEffect, useState } from 'preact/hooks';
import { listSucceededInStage, overrideStageCondition, rollbackStage, type PipelineDeclaration, type PipelineExecutionSummary } from '../../api/codepipeline.js';
import { ActionDialog } from '../../components/action-dialog.js';
import { InlineError, Loading } from '../../components/feedback.js';
import { formatTime, shortId } from '../../lib/format.js';
import { firstLine } from '../pipelines/pipelines-list.js';

interface DialogProps {
  pipeline: PipelineDeclaration;
  onClose: () => void;
  onDone: (message?: string) => void;
}

const CONDITION_LABELS = { BEFORE_ENTRY: 'entry', ON_SUCCESS: 'success' } as const;

/** Override: the stage's entry or success condition counts as met for the execution, which goes on; AWS's refusal is shown in the dialog. */
export function OverrideConditionDialog(props: DialogProps & { stageName: string; conditionType: 'BEFORE_ENTRY' | 'ON_SUCCESS'; pipelineExecutionId: string }) {
  const label = CONDITION_LABELS[props.conditionType];
  const submit = async () => {
    await overrideStageCondition(props.pipeline.name, props.stageName, props.pipelineExecutionId, props.conditionType);
    return `The ${label} condition of ${props.stageName} was overridden.`;
  };
  return (
    <ActionDialog title={`Override ${label} condition`} submitLabel="Override" onSubmit={submit} onClose={props.onClose} onDone={props.onDone} testId="override-dialog">
      <p>
        The {label} condition of stage <strong>{props.stageName}</strong> will count as met for execution <code title={props.pipelineExecutionId}>{shortId(props.pipelineExecutionId)}</code>
        {props.conditionType === 'BEFORE_ENTRY' ? ', which then enters the stage' : ', whose stage then counts as succeeded'}. Rules still being evaluated are abandoned.
      </p>
    </ActionDialog>
  );
}

function targetLabel(e: PipelineExecutionSummary): string {
  const revision = e.sourceRevisions?.[0];
  const summary = revision?.revisionSummary ? ` · ${firstLine(revision.revisionSummary)}` : '';
  return `${shortId(e.pipelineExecutionId)} · ${formatTime(e.startTime)}${summary}`;
}

/** Loads the executions a stage can roll back to: those that succeeded in it and are not rollbacks themselves. */
function useRollbackTargets(pipelineName: string, stageName: string) {
  const [targets, setTargets] = useState<PipelineExecutionSummary[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    listSucceededInStage(pipelineName, stageName).then(
      (list) => live && setTargets(list.filter((e) => e.executionType !== 'ROLLBACK')),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [pipelineName, stageName]);
  return { targets, error };
}

/** Roll back: a new ROLLBACK execution runs the stage again with the artifacts and variables of an execution that succeeded in it. */
export function RollbackDialog(props: DialogProps & { stageName: string; currentExecutionId?: string }) {
  const { targets, error } = useRollbackTargets(props.pipeline.name, props.stageName);
  const [chosen, setChosen] = useState<string>();
  // AWS's console proposes the newest successful execution that is not the one the stage shows now.
  const proposed = targets?.find((e) => e.pipelineExecutionId !== props.currentExecutionId) ?? targets?.[0];
  const id = chosen ?? proposed?.pipelineExecutionId ?? '';
  const submit = async () => {
    const out = await rollbackStage(props.pipeline.name, props.stageName, id);
    return `Rolling back ${props.stageName} to ${shortId(id)}: execution ${shortId(out.pipelineExecutionId)}.`;
  };
  return (
    <ActionDialog title={`Roll back stage ${props.stageName}`} submitLabel="Roll back" onSubmit={submit} onClose={props.onClose} onDone={props.onDone} canSubmit={Boolean(id)} testId="rollback-dialog">
      <p>
        A new rollback execution runs stage <strong>{props.stageName}</strong> again with the source revisions, artifacts and variables of the execution you choose.
      </p>
      <InlineError error={error} />
      {!targets && error === undefined && <Loading what="the executions that succeeded in this stage" />}
      {targets && !targets.length && <p class="muted">No execution has succeeded in this stage yet, so there is nothing to roll back to.</p>}
      {targets && targets.length > 0 && (
        <label class="field">
          <span class="label">Target execution</span>
          <select value={id} onChange={(e) => setChosen(e.currentTarget.value)} data-testid="rollback-target">
            {targets.map((e) => (
              <option key={e.pipelineExecutionId} value={e.pipelineExecutionId}>
                {targetLabel(e)}
                {e.pipelineExecutionId === props.currentExecutionId ? ' (current)' : ''}
              </option>
            ))}
          </select>
          <span class="hint">Executions that succeeded in this stage, newest first.</span>
        </label>
      )}
    </ActionDialog>
  );
}
