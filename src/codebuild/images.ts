import type Dockerode from 'dockerode';
import { ensureProjectImage, followProgress, inspectImage } from '../runner/index.js';
import type { Logger } from '../shared/index.js';
import { BUILD_IMAGE_DIR, DEFAULT_BUILD_IMAGE, mapImage, type ImageMap } from './image-map.js';

/** An image that could be neither found, pulled nor built; the build fails in PROVISIONING. */
export class ImageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageUnavailableError';
  }
}

/** What the build images need. */
export interface BuildImagesDeps {
  docker: Dockerode;
  map: ImageMap;
  log: Logger;
  /** The folder of the default image's Dockerfile; docker/build-image by default. */
  buildImageDir?: string;
  /** The tag the default image gets; codepipeline-local/build:1 by default. */
  defaultImage?: string;
}

/** Maps CodeBuild image names to local images and makes sure they are present: builds the default one, pulls others. */
export class BuildImages {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly dir: string;
  private readonly defaultImage: string;

  constructor(private readonly deps: BuildImagesDeps) {
    this.dir = deps.buildImageDir ?? BUILD_IMAGE_DIR;
    this.defaultImage = deps.defaultImage ?? DEFAULT_BUILD_IMAGE;
  }

  /** The local image a CodeBuild image name runs as. */
  localImage(codebuildImage: string): string {
    return mapImage(this.deps.map, codebuildImage);
  }

  /** Whether a local image is the default build image, which is built from docker/build-image rather than pulled. */
  isDefault(image: string): boolean {
    return image === this.defaultImage;
  }

  /** Returns the local image for a CodeBuild image name once it is present; `progress` receives one line per step. */
  async prepare(codebuildImage: string, progress: (line: string) => void = () => undefined): Promise<string> {
    const image = this.localImage(codebuildImage);
    const work = image === this.defaultImage ? () => this.ensureDefault(progress) : () => this.ensurePulled(image, progress);
    // Builds starting together share one docker build or pull instead of racing.
    let pending = this.inFlight.get(image);
    if (!pending) {
      pending = work().finally(() => this.inFlight.delete(image));
      this.inFlight.set(image, pending);
    }
    await pending;
    return image;
  }

  /** Builds the default image unless an image built from the same Dockerfile is already there. */
  async ensureDefault(progress: (line: string) => void = () => undefined): Promise<void> {
    const image = { image: this.defaultImage, dir: this.dir, title: 'build image', kind: 'build', duration: 'a minute or two' };
    await ensureProjectImage(
      this.deps,
      { ...image, removeReplaced: true, failure: (message, cause) => new ImageUnavailableError(message, { cause }) },
      progress,
    );
  }

  private async ensurePulled(image: string, progress: (line: string) => void): Promise<void> {
    if (await inspectImage(this.deps.docker, image)) return;
    progress(`Pulling image ${image}`);
    this.deps.log.info({ image }, `pulling ${image}`);
    try {
      const stream = await this.deps.docker.pull(image);
      await followProgress(this.deps.docker, stream, (event) => {
        if (event.status && !event.id) progress(`[pull] ${event.status}`);
      });
    } catch (error) {
      throw new ImageUnavailableError(
        `Unable to pull customer's container image. The image ${image} is not present locally and could not be pulled (${(error as Error).message.trim()}). ` +
          `Pull or build it yourself (docker pull ${image}), or map the project's image to a local one with --image-map.`,
        { cause: error },
      );
    }
  }
}
