import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { Logger } from '../shared/index.js';
import { BUILD_IMAGE_DIR, DEFAULT_BUILD_IMAGE, mapImage, type ImageMap } from './image-map.js';

/** The label holding the hash of the Dockerfile folder an image was built from, so a changed Dockerfile means a rebuild. */
export const DOCKERFILE_HASH_LABEL = 'codepipeline-local.dockerfile-sha256';

// Not the containers' project label (codepipeline-local=true): containers inherit image labels, and every
// container of this image would then look like ours to cleanup, including ones a user starts by hand.
const IMAGE_KIND_LABEL = 'codepipeline-local.image';

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

/** The sha256 of every file of a Dockerfile folder, names included, so any change gives a new hash. */
export function dockerfileHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  return hash.digest('hex');
}

interface ProgressEvent {
  stream?: string;
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
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
    const hash = dockerfileHash(this.dir);
    const old = await this.inspect(this.defaultImage);
    const labels = old && (old.Config?.Labels ?? {});
    if (labels?.[DOCKERFILE_HASH_LABEL] === hash) return;
    const say = (line: string) => {
      progress(line);
      this.deps.log.info({ image: this.defaultImage }, line);
    };
    say(`Building the build image ${this.defaultImage} from ${join(this.dir, 'Dockerfile')} (${labels ? 'the Dockerfile changed' : 'first use'}; a minute or two, once)`);
    const started = Date.now();
    const stream = await this.deps.docker.buildImage(
      { context: this.dir, src: readdirSync(this.dir) },
      { t: this.defaultImage, labels: { [DOCKERFILE_HASH_LABEL]: hash, [IMAGE_KIND_LABEL]: 'build' }, rm: true, forcerm: true },
    );
    await this.follow(stream, (event) => {
      const line = event.stream?.trim();
      if (line?.startsWith('Step ')) say(`[build image] ${line}`);
      else if (line) this.deps.log.debug({ image: this.defaultImage }, line);
    }).catch((error: Error) => {
      throw new ImageUnavailableError(`Building the build image ${this.defaultImage} from ${this.dir} failed: ${error.message}`, { cause: error });
    });
    say(`Built the build image ${this.defaultImage} in ${Math.round((Date.now() - started) / 1000)} s`);
    // The image the tag left behind would only take disk space; one still used by a container stays.
    if (old) await this.deps.docker.getImage(old.Id).remove().catch(() => undefined);
  }

  private async ensurePulled(image: string, progress: (line: string) => void): Promise<void> {
    if (await this.labelsOf(image)) return;
    progress(`Pulling image ${image}`);
    this.deps.log.info({ image }, `pulling ${image}`);
    try {
      const stream = await this.deps.docker.pull(image);
      await this.follow(stream, (event) => {
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

  /** The labels of a local image, or undefined when it is not present. */
  private async labelsOf(image: string): Promise<Record<string, string> | undefined> {
    const info = await this.inspect(image);
    return info && (info.Config?.Labels ?? {});
  }

  private async inspect(image: string): Promise<Dockerode.ImageInspectInfo | undefined> {
    try {
      return await this.deps.docker.getImage(image).inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  private follow(stream: NodeJS.ReadableStream, onEvent: (event: ProgressEvent) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let failure: string | undefined;
      this.deps.docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : failure ? reject(new Error(failure)) : resolve()),
        (event: ProgressEvent) => {
          // The daemon reports a failed step as an event, not as a failed stream.
          if (event.error) failure = event.errorDetail?.message ?? event.error;
          onEvent(event);
        },
      );
    });
  }
}
