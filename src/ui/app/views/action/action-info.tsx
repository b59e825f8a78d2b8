import type { ActionExecutionDetail } from '../../api/codepipeline.js';
import { ArtifactLink } from '../executions/artifacts.js';

/** The action's configuration as declared and as resolved for this run (variables substituted). */
export function ConfigurationTable({ run }: { run: ActionExecutionDetail }) {
  const declared = run.input?.configuration ?? {};
  const resolved = run.input?.resolvedConfiguration ?? {};
  const keys = [...new Set([...Object.keys(declared), ...Object.keys(resolved)])].sort();
  if (!keys.length) return <p class="muted">This action has no configuration.</p>;
  return (
    <table class="table" data-testid="configuration-table">
      <thead>
        <tr>
          <th>Key</th>
          <th>Value</th>
          <th>Resolved value</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <td>
              <code>{k}</code>
            </td>
            <td class="wrap">{declared[k]}</td>
            <td class="wrap">{resolved[k] !== declared[k] ? resolved[k] : <span class="muted">same</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The artifacts an action consumed and produced, with download links. */
export function ActionArtifacts({ run }: { run: ActionExecutionDetail }) {
  const inputs = run.input?.inputArtifacts ?? [];
  const outputs = run.output?.outputArtifacts ?? [];
  if (!inputs.length && !outputs.length) return <p class="muted">This action consumes and produces no artifact.</p>;
  const row = (direction: string) => (a: { name: string; s3location?: { bucket: string; key: string } }) => (
    <tr key={`${direction}/${a.name}`}>
      <td>{direction}</td>
      <td>{a.name}</td>
      <td>
        <ArtifactLink artifact={a} />
      </td>
    </tr>
  );
  return (
    <table class="table">
      <thead>
        <tr>
          <th>Direction</th>
          <th>Artifact</th>
          <th>Download</th>
        </tr>
      </thead>
      <tbody>
        {inputs.map(row('Input'))}
        {outputs.map(row('Output'))}
      </tbody>
    </table>
  );
}

/** The variables the action emitted. */
export function OutputVariables({ run }: { run: ActionExecutionDetail }) {
  const entries = Object.entries(run.output?.outputVariables ?? {});
  if (!entries.length) return <p class="muted">No output variables.</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td>
              <code>{run.input?.namespace ? `#{${run.input.namespace}.${k}}` : k}</code>
            </td>
            <td class="wrap">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
