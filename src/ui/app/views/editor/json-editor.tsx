import { useEffect, useState } from 'preact/hooks';
import { currentCaller } from '../../api/aws.js';
import { createPipeline, deletePipeline, getPipeline, updatePipeline } from '../../api/codepipeline.js';
import { ActionDialog } from '../../components/action-dialog.js';
import { ErrorPanel, InlineError, Loading } from '../../components/feedback.js';
import { Flash } from '../../components/flash.js';
import { PageHeader } from '../../components/page-header.js';
import { pipelineServiceRoleArn } from '../../lib/arns.js';
import { navigate, paths } from '../../lib/router.js';
import { CodeArea, jsonProblem } from './code-area.js';

/** A starting declaration for "Create from JSON": a source and a build, as a user would write it. */
export function templateDeclaration(): string {
  const caller = currentCaller();
  const { account, region } = caller;
  return JSON.stringify(
    {
      name: 'my-pipeline',
      roleArn: pipelineServiceRoleArn(caller, 'my-pipeline'),
      artifactStore: { type: 'S3', location: `codepipeline-${region}-${account}` },
      pipelineType: 'V2',
      executionMode: 'QUEUED',
      stages: [
        {
          name: 'Source',
          actions: [
            {
              name: 'Source',
              actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
              configuration: { RepositoryName: 'my-repository', BranchName: 'main' },
              outputArtifacts: [{ name: 'SourceArtifact' }],
            },
          ],
        },
        {
          name: 'Build',
          actions: [
            {
              name: 'Build',
              actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
              configuration: { ProjectName: 'my-project' },
              inputArtifacts: [{ name: 'SourceArtifact' }],
              outputArtifacts: [{ name: 'BuildArtifact' }],
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}

function DeleteDialog({ name, onClose }: { name: string; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  return (
    <ActionDialog
      title={`Delete ${name}`}
      submitLabel="Delete"
      danger
      canSubmit={typed === name}
      onClose={onClose}
      onSubmit={() => deletePipeline(name).then(() => undefined)}
      onDone={() => navigate(paths.pipelines())}
    >
      <p>Deleting a pipeline removes its declaration and execution history. Artifacts stay in the artifact store.</p>
      <label class="field">
        <span class="label">Type the pipeline's name to confirm</span>
        <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      </label>
    </ActionDialog>
  );
}

/** Views, edits and saves a declaration as JSON (UpdatePipeline), or creates one (CreatePipeline); shows the API's errors. */
export function JsonEditor({ name }: { name?: string }) {
  const [text, setText] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [loadError, setLoadError] = useState<unknown>();
  const [saveError, setSaveError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const load = () => {
    setLoadError(undefined);
    if (!name) return void (setText(templateDeclaration()), setSaved(undefined));
    getPipeline(name)
      .then((o) => {
        const json = JSON.stringify(o.pipeline, null, 2);
        setText(json);
        setSaved(json);
      })
      .catch(setLoadError);
  };
  useEffect(load, [name]);

  const problem = text === undefined ? undefined : jsonProblem(text);
  const save = async () => {
    if (text === undefined || problem) return;
    setBusy(true);
    setSaveError(undefined);
    try {
      if (!name) {
        const out = await createPipeline(JSON.parse(text));
        navigate(paths.pipeline(out.pipeline.name));
        return;
      }
      const out = await updatePipeline(JSON.parse(text));
      const json = JSON.stringify(out.pipeline, null, 2);
      setText(json);
      setSaved(json);
      setFlash(`Saved version ${out.pipeline.version}.`);
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(false);
    }
  };
  const format = () => text !== undefined && !problem && setText(JSON.stringify(JSON.parse(text), null, 2));
  const dirty = text !== saved;
  const crumbs = name
    ? [{ label: 'Pipelines', to: paths.pipelines() }, { label: name, to: paths.pipeline(name) }, { label: 'Edit JSON' }]
    : [{ label: 'Pipelines', to: paths.pipelines() }, { label: 'Create from JSON' }];
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={name ? `Edit ${name}` : 'Create pipeline from JSON'}
        description={name ? 'The declaration as GetPipeline returns it; saving sends it to UpdatePipeline, which makes a new version.' : 'A pipeline declaration, as CreatePipeline takes it in its "pipeline" member.'}
        actions={
          name && (
            <button type="button" class="btn btn-danger-outline" onClick={() => setDeleting(true)}>
              Delete pipeline
            </button>
          )
        }
      />
      <Flash message={flash} onDismiss={() => setFlash(undefined)} />
      {loadError !== undefined && <ErrorPanel title={`Pipeline ${name} could not be loaded`} error={loadError} onRetry={load} />}
      {text === undefined && loadError === undefined && <Loading what="the declaration" />}
      {text !== undefined && (
        <div class="card editor">
          <CodeArea value={text} onInput={(t) => (setText(t), setSaveError(undefined))} label="Pipeline declaration (JSON)" invalid={Boolean(problem)} />
          {problem && (
            <div class="inline-error" role="alert" data-testid="json-problem">
              {problem}
            </div>
          )}
          <div data-testid="editor-error">
            <InlineError error={saveError} />
          </div>
          <div class="editor-bar">
            <span class="muted">{dirty ? 'Unsaved changes' : name ? 'No changes' : ''}</span>
            <button type="button" class="btn" onClick={format} disabled={Boolean(problem)}>
              Format
            </button>
            {name && (
              <button type="button" class="btn" onClick={() => setText(saved)} disabled={!dirty}>
                Revert
              </button>
            )}
            <button type="button" class="btn btn-primary" onClick={save} disabled={busy || Boolean(problem) || (Boolean(name) && !dirty)} data-testid="save-json">
              {busy ? 'Saving…' : name ? 'Save' : 'Create pipeline'}
            </button>
          </div>
        </div>
      )}
      {deleting && name && <DeleteDialog name={name} onClose={() => setDeleting(false)} />}
    </>
  );
}
