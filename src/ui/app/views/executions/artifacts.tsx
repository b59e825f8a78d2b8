import { ARTIFACTS_PATH } from '../../../shared/console-event.js';
import type { ActionExecutionDetail, ArtifactDetail } from '../../api/codepipeline.js';

/** The console's download URL of an artifact zip kept at `s3location` in the artifact store. */
export function artifactUrl(artifact: ArtifactDetail): string | undefined {
  const loc = artifact.s3location;
  if (!loc) return undefined;
  const key = loc.key.split('/').map(encodeURIComponent).join('/');
  return `${ARTIFACTS_PATH}/${encodeURIComponent(loc.bucket)}/${key}?name=${encodeURIComponent(artifact.name)}`;
}

/** A link that downloads an artifact zip, or its location when it cannot be downloaded. */
export function ArtifactLink({ artifact }: { artifact: ArtifactDetail }) {
  const url = artifactUrl(artifact);
  if (!url) return <span class="muted">no location</span>;
  return (
    <a href={url} download={`${artifact.name}.zip`} data-testid={`artifact-${artifact.name}`}>
      Download {artifact.name}.zip
    </a>
  );
}

/** The artifacts an execution's actions produced, with where each is kept and a download link. */
export function ArtifactsTable({ runs }: { runs: ActionExecutionDetail[] }) {
  const rows = runs.flatMap((run) => (run.output?.outputArtifacts ?? []).map((artifact) => ({ run, artifact })));
  if (!rows.length) return <p class="muted">No action of this execution produced an artifact yet.</p>;
  return (
    <table class="table" data-testid="artifacts-table">
      <thead>
        <tr>
          <th>Artifact</th>
          <th>Produced by</th>
          <th>Location</th>
          <th>Download</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ run, artifact }) => (
          <tr key={`${run.actionExecutionId}/${artifact.name}`}>
            <td>{artifact.name}</td>
            <td>
              {run.stageName} › {run.actionName}
            </td>
            <td>{artifact.s3location ? <code class="small">{`s3://${artifact.s3location.bucket}/${artifact.s3location.key}`}</code> : '–'}</td>
            <td>
              <ArtifactLink artifact={artifact} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Pipeline-level variables and the output variables of each action (by namespace when it has one). */
export function VariablesTable({ pipelineVariables, runs }: { pipelineVariables: { name: string; resolvedValue: string }[]; runs: ActionExecutionDetail[] }) {
  const rows = [
    ...pipelineVariables.map((v) => ({ scope: 'variables', name: v.name, value: v.resolvedValue })),
    ...runs.flatMap((run) => Object.entries(run.output?.outputVariables ?? {}).map(([name, value]) => ({ scope: run.input?.namespace ?? `${run.stageName}.${run.actionName}`, name, value }))),
  ];
  if (!rows.length) return <p class="muted">No variables were set in this execution.</p>;
  return (
    <table class="table" data-testid="variables-table">
      <thead>
        <tr>
          <th>Namespace</th>
          <th>Name</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.scope}.${r.name}`}>
            <td>
              <code>{r.scope}</code>
            </td>
            <td>
              <code>{r.name}</code>
            </td>
            <td class="wrap">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
