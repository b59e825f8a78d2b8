import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newArtifactKey } from '../shared/index.js';

/** Where an artifact is kept: the artifact store bucket and the object key, as AWS reports it. */
export interface ArtifactLocation {
  bucket: string;
  key: string;
}

/**
 * The object storage artifacts are kept in (S3), as the engine needs it; implemented outside the engine, which
 * knows no storage service.
 */
export interface ArtifactObjects {
  /** Stores a zip as the object at a location, creating the bucket in `region` when it does not exist yet. */
  put(location: ArtifactLocation, zipPath: string, region: string): Promise<void>;
  /** A file holding the object's bytes, for an action to read; refuses locations no object can have. */
  pathOf(location: ArtifactLocation): string;
  /** Deletes objects; missing ones (and missing buckets) are ignored. */
  remove(locations: ArtifactLocation[]): Promise<void>;
}

/**
 * The artifact store: objects in the pipeline's artifact bucket, keyed as AWS keys them,
 * `<pipeline[:20]>/<artifact[:10]>/<7 alphanumerics>`, plus scratch folders for running actions.
 */
export class ArtifactStore {
  constructor(
    private readonly objects: ArtifactObjects,
    private readonly workRoot: string,
  ) {}

  /** Returns the file that holds an artifact. */
  pathOf(location: ArtifactLocation): string {
    return this.objects.pathOf(location);
  }

  /** Stores a zip produced by an action as a new object and returns its location. */
  async put(bucket: string, region: string, pipelineName: string, artifactName: string, zipPath: string): Promise<ArtifactLocation> {
    const location = { bucket, key: newArtifactKey(pipelineName, artifactName) };
    await this.objects.put(location, zipPath, region);
    return location;
  }

  /** Deletes stored artifacts; missing ones are ignored. */
  remove(locations: ArtifactLocation[]): Promise<void> {
    return this.objects.remove(locations);
  }

  /** A scratch folder for one action execution. */
  workDir(actionExecutionId: string): string {
    const dir = join(this.workRoot, actionExecutionId);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
}
