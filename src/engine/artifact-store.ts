import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isInside, randomAlphanumeric } from '../shared/index.js';

/** Where an artifact is kept: the artifact store bucket and the object key, as AWS reports it. */
export interface ArtifactLocation {
  bucket: string;
  key: string;
}

/**
 * The artifact store: a folder per bucket under the data directory, standing in for S3.
 * Keys follow AWS's observed form `<pipeline[:20]>/<artifact[:10]>/<7 alphanumerics>`.
 */
export class ArtifactStore {
  constructor(private readonly root: string) {}

  /** Returns the file that holds an artifact, refusing locations that would leave the store. */
  pathOf(location: ArtifactLocation): string {
    const path = resolve(this.root, location.bucket, location.key);
    if (!isInside(this.root, path)) throw new Error(`Artifact location ${location.bucket}/${location.key} leaves the artifact store`);
    return path;
  }

  /** Copies a zip produced by an action into the store and returns its new location. */
  put(bucket: string, pipelineName: string, artifactName: string, zipPath: string): ArtifactLocation {
    const location = { bucket, key: `${pipelineName.slice(0, 20)}/${artifactName.slice(0, 10)}/${randomAlphanumeric(7)}` };
    const path = this.pathOf(location);
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(zipPath, path);
    return location;
  }

  /** Deletes stored artifacts; missing ones are ignored. */
  remove(locations: ArtifactLocation[]): void {
    for (const location of locations) rmSync(this.pathOf(location), { force: true });
  }

  /** A scratch folder for one action execution. */
  workDir(actionExecutionId: string): string {
    const dir = join(this.root, '..', 'work', actionExecutionId);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
}
