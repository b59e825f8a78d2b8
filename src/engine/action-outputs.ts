import type { ActionDeclaration, ArtifactDetail } from '../model/index.js';
import { ActionFailure, type ActionResult, type ActionRevision } from '../providers/contract.js';
import type { EngineCore, LiveExecution } from './engine-core.js';

/** The bucket of the artifact store of an action's region. */
export function artifactBucketOf(live: LiveExecution, action: ActionDeclaration): string {
  const region = action.region ?? live.record.region;
  return live.declaration.artifactStore?.location ?? live.declaration.artifactStores?.[region]?.location ?? 'codepipeline-local-artifacts';
}

/** Stores the zips an action produced as objects of the artifact store of its region; every declared output must be there. */
export async function storeOutputs(core: EngineCore, live: LiveExecution, action: ActionDeclaration, result: ActionResult): Promise<ArtifactDetail[]> {
  const region = action.region ?? live.record.region;
  const bucket = artifactBucketOf(live, action);
  const stored: ArtifactDetail[] = [];
  for (const { name } of action.outputArtifacts ?? []) {
    const kept = result.storedOutputArtifacts?.[name];
    if (kept) {
      stored.push({ name, s3location: { bucket: kept.bucket, key: kept.key } });
      continue;
    }
    const zip = result.outputArtifacts?.[name];
    if (!zip) throw new ActionFailure('JobFailed', `Action ${action.name} did not produce its output artifact ${name}`, false);
    stored.push({ name, s3location: await core.artifacts.put(bucket, region, live.record.pipelineName, name, zip) });
  }
  return stored;
}

/** Records the revision a source action fetched on its execution (artifactRevisions and sourceRevisions). */
export function recordSourceRevision(core: EngineCore, live: LiveExecution, action: ActionDeclaration, revision: ActionRevision): void {
  const created = revision.createdMs ?? core.clock.now();
  const artifactRevisions = [
    ...live.record.artifactRevisions.filter((r) => !(action.outputArtifacts ?? []).some((a) => a.name === r.name)),
    ...(action.outputArtifacts ?? []).map((a) => ({
      name: a.name,
      revisionId: revision.revisionId,
      revisionChangeIdentifier: revision.revisionChangeId ?? revision.revisionId,
      ...(revision.summary !== undefined ? { revisionSummary: revision.summary } : {}),
      created,
      ...(revision.url ? { revisionUrl: revision.url } : {}),
    })),
  ];
  const sourceRevisions = [
    ...live.record.sourceRevisions.filter((r) => r.actionName !== action.name),
    { actionName: action.name, revisionId: revision.revisionId, ...(revision.summary !== undefined ? { revisionSummary: revision.summary } : {}), ...(revision.url ? { revisionUrl: revision.url } : {}) },
  ];
  live.record = core.recorder.updateExecution(live.record, { artifactRevisions, sourceRevisions });
}
