import { useState } from 'preact/hooks';
import { currentCaller } from '../../api/aws.js';
import { createPipelineProject } from '../../api/codebuild.js';
import { createPipeline, type ActionDeclaration } from '../../api/codepipeline.js';
import { InlineError } from '../../components/feedback.js';
import { Link } from '../../components/link.js';
import { PageHeader } from '../../components/page-header.js';
import { navigate, paths } from '../../lib/router.js';
import { buildDeclaration, initialWizardState, stepProblem, type WizardState } from './wizard-model.js';
import { BuildStep, DeployStep, SettingsStep, SourceStep } from './wizard-steps.js';

const STEPS = ['Choose pipeline settings', 'Add source stage', 'Add build stage', 'Add deploy stage', 'Review'];

function describeAction(a: ActionDeclaration): string {
  const t = a.actionTypeId;
  const config = Object.entries(a.configuration ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  return `${t.owner}/${t.provider} v${t.version}${config ? ` — ${config}` : ''}`;
}

function Review({ state, goTo }: { state: WizardState; goTo: (step: number) => void }) {
  const declaration = buildDeclaration(state, currentCaller());
  const step = { Source: 1, Build: 2, Deploy: 3 } as Record<string, number>;
  return (
    <div class="review" data-testid="review">
      <section class="review-section">
        <header>
          <h3>Step 1: Pipeline settings</h3>
          <button type="button" class="btn btn-small" onClick={() => goTo(0)}>
            Edit
          </button>
        </header>
        <dl class="key-values">
          <div>
            <dt>Name</dt>
            <dd>{declaration.name}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{declaration.pipelineType}</dd>
          </div>
          <div>
            <dt>Execution mode</dt>
            <dd>{declaration.executionMode ?? 'SUPERSEDED'}</dd>
          </div>
          <div>
            <dt>Service role</dt>
            <dd class="wrap">{declaration.roleArn}</dd>
          </div>
          <div>
            <dt>Artifact store</dt>
            <dd>{declaration.artifactStore?.location}</dd>
          </div>
        </dl>
      </section>
      {declaration.stages.map((s) => (
        <section class="review-section" key={s.name}>
          <header>
            <h3>
              Stage {s.name}
            </h3>
            <button type="button" class="btn btn-small" onClick={() => goTo(step[s.name] ?? 1)}>
              Edit
            </button>
          </header>
          {s.actions.map((a) => (
            <p key={a.name}>{describeAction(a)}</p>
          ))}
          {s.name === 'Build' && state.build.kind === 'codebuild' && state.build.createProject && <p class="muted">Creates project {state.build.projectName} with image {state.build.image}.</p>}
        </section>
      ))}
      {state.build.kind === 'skip' && <p class="muted">No build stage.</p>}
      {state.deploy.kind === 'skip' && <p class="muted">No deploy stage.</p>}
      <details>
        <summary>Pipeline JSON</summary>
        <pre class="log">{JSON.stringify(declaration, null, 2)}</pre>
      </details>
    </div>
  );
}

/** The Create pipeline wizard: settings, source, build, deploy, review; then CreatePipeline starts the first execution. */
export function CreateWizard() {
  const [state, setState] = useState(() => initialWizardState(currentCaller()));
  const [step, setStep] = useState(0);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const update = (patch: Partial<WizardState> | ((s: WizardState) => Partial<WizardState>)) => setState((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }));
  const problem = step < 4 ? stepProblem(step, state) : undefined;
  const next = () => {
    setAttempted(true);
    if (problem) return;
    setAttempted(false);
    setStep(step + 1);
  };
  const firstUnfinished = (upTo: number) => [0, 1, 2, 3].find((i) => i < upTo && stepProblem(i, state));
  const goTo = (target: number) => setStep(firstUnfinished(target) ?? target);
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const caller = currentCaller();
      if (state.build.kind === 'codebuild' && state.build.createProject) {
        await createPipelineProject({ name: state.build.projectName, image: state.build.image, buildspec: state.build.buildspec, account: caller.account });
        update((s) => ({ build: { ...s.build, createProject: false } })); // created: a second try must not create it again
      }
      const out = await createPipeline(buildDeclaration(state, caller));
      navigate(paths.pipeline(out.pipeline.name));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const views = [SettingsStep, SourceStep, BuildStep, DeployStep];
  const StepView = views[step];
  return (
    <>
      <PageHeader crumbs={[{ label: 'Pipelines', to: paths.pipelines() }, { label: 'Create new pipeline' }]} title="Create new pipeline" description={<>Or write the declaration yourself: <Link to={paths.createJson()}>create from JSON</Link>.</>} />
      <div class="wizard">
        <ol class="wizard-steps">
          {STEPS.map((label, i) => (
            <li key={label} class={i === step ? 'current' : i < step ? 'done' : ''}>
              <button type="button" class="link-btn" onClick={() => goTo(i)} disabled={i > step && firstUnfinished(i) !== undefined}>
                <span class="step-number">Step {i + 1}</span>
                <span>{label}</span>
              </button>
            </li>
          ))}
        </ol>
        <div class="wizard-body card" data-testid={`wizard-step-${step + 1}`}>
          <h2>{STEPS[step]}</h2>
          {StepView ? <StepView state={state} update={update} /> : <Review state={state} goTo={goTo} />}
          {attempted && problem && <InlineError error={problem} />}
          <InlineError error={error} />
          <div class="wizard-bar">
            <Link to={paths.pipelines()} class="btn btn-ghost">
              Cancel
            </Link>
            {step > 0 && (
              <button type="button" class="btn" onClick={() => setStep(step - 1)} disabled={busy}>
                Previous
              </button>
            )}
            {step < 4 ? (
              <button type="button" class="btn btn-primary" onClick={next} data-testid="wizard-next">
                {step === 2 && state.build.kind === 'skip' ? 'Next (no build)' : step === 3 && state.deploy.kind === 'skip' ? 'Next (no deploy)' : 'Next'}
              </button>
            ) : (
              <button type="button" class="btn btn-primary" onClick={create} disabled={busy} data-testid="wizard-create">
                {busy ? 'Creating…' : 'Create pipeline'}
              </button>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
