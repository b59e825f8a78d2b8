import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BuildArtifactsRequest } from './build-request.js';
import type { BuildspecArtifacts } from './buildspec.js';
import { guarded, type BuildContext } from './build-context.js';
import { packageArtifacts, type ArtifactJob, type PackagingDeps } from './artifact-packaging.js';
import type { PhaseContext } from './phases.js';

/** What UPLOAD_ARTIFACTS produced: the zips by identifier, or its CLIENT_ERROR context. */
export type UploadResult = { ok: true; written: Record<string, string> } | { ok: false; context: PhaseContext };

/**
 * Matches the requested artifacts to buildspec definitions: the primary uses top-level `artifacts` (or, when the
 * build has several outputs, a `secondary-artifacts` entry of its own name, as CodePipeline builds with several
 * output artifacts are written); each secondary needs a `secondary-artifacts` entry of its identifier.
 */
function artifactJobs(
  requested: BuildArtifactsRequest,
  artifacts: BuildspecArtifacts | undefined,
): { ok: true; jobs: ArtifactJob[] } | { ok: false; message: string } {
  const jobs: ArtifactJob[] = [];
  const zip = (id: string) => join(requested.outDir, `${id}.zip`);
  if (requested.primary !== undefined) {
    const own = requested.secondary.length > 0 ? artifacts?.secondary[requested.primary] : undefined;
    const def = own ?? artifacts?.primary;
    if (def === undefined) return { ok: false, message: 'no definition for primary artifacts in buildspec' };
    jobs.push({ identifier: requested.primary, def, outPath: zip(requested.primary) });
  }
  for (const id of requested.secondary) {
    const def = artifacts?.secondary[id];
    if (def === undefined) return { ok: false, message: `no definition for secondary artifact ${id} in buildspec` };
    jobs.push({ identifier: id, def, outPath: zip(id) });
  }
  return { ok: true, jobs };
}

/** UPLOAD_ARTIFACTS: packages each requested artifact into `<outDir>/<identifier>.zip`. */
export async function uploadArtifacts(ctx: BuildContext): Promise<UploadResult> {
  const buildspec = ctx.buildspec.ok ? ctx.buildspec.buildspec : undefined;
  const matched = artifactJobs(ctx.request.artifacts, buildspec?.artifacts);
  if (!matched.ok) return { ok: false, context: { statusCode: 'CLIENT_ERROR', message: matched.message } };
  const container = ctx.container;
  if (container === undefined) throw new Error('the build container is not running');
  const result = await guarded(ctx, packageArtifacts({ container, srcDir: ctx.layout.srcDir, log: ctx.log, archive: sessionArchive(ctx) }, matched.jobs));
  if (!result.ok) return { ok: false, context: { statusCode: 'CLIENT_ERROR', message: result.message } };
  return { ok: true, written: result.written };
}

/** Reads a container path as a tar through the build's agent, when its shell session runs. */
export function sessionArchive(ctx: BuildContext): PackagingDeps['archive'] {
  const session = ctx.session;
  return session && ((path: string, read: (tar: Readable) => Promise<void>) => session.archive(path, read));
}

/** The buildspec `name` of each artifact written (evaluated later by the shell), by identifier. */
export function artifactNameExpressions(
  requested: BuildArtifactsRequest,
  artifacts: BuildspecArtifacts | undefined,
): [string, string][] {
  const matched = artifactJobs(requested, artifacts);
  if (!matched.ok) return [];
  return matched.jobs.filter((job) => job.def.name !== undefined).map((job) => [job.identifier, job.def.name as string]);
}
