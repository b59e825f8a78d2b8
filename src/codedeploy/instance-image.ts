import type Dockerode from 'dockerode';
import { ensureProjectImage } from '../runner/index.js';
import { packagePath, type Logger } from '../shared/index.js';

/** The folder of the instance image's Dockerfile. */
export const INSTANCE_IMAGE_DIR = packagePath('docker/instance-image/');

/** The tag of the instance image. */
export const INSTANCE_IMAGE = 'codepipeline-local/instance:1';

/** What the instance image needs. */
export interface InstanceImageDeps {
  docker: Dockerode;
  log: Logger;
  /** The Dockerfile folder; docker/instance-image by default. */
  dir?: string;
  /** The tag to build; codepipeline-local/instance:1 by default. */
  image?: string;
}

/** Builds the instance image on first use (and when its Dockerfile changes), once per process however many ask at once. */
export class InstanceImage {
  readonly image: string;
  private readonly dir: string;
  private pending: Promise<string> | undefined;

  constructor(private readonly deps: InstanceImageDeps) {
    this.dir = deps.dir ?? INSTANCE_IMAGE_DIR;
    this.image = deps.image ?? INSTANCE_IMAGE;
  }

  /** Resolves with the image tag once the image is present; `progress` receives one line per build step. */
  ensure(progress: (line: string) => void = () => undefined): Promise<string> {
    // Registrations arriving together share one docker build; a failed build is tried again next time.
    this.pending ??= this.build(progress).then(
      () => this.image,
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  private build(progress: (line: string) => void): Promise<void> {
    const image = { image: this.image, dir: this.dir, title: 'instance image', kind: 'instance', duration: 'a minute or so' };
    return ensureProjectImage(this.deps, image, progress);
  }
}
