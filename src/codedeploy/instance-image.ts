import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import type { Logger } from '../shared/index.js';

/** The folder of the instance image's Dockerfile. */
export const INSTANCE_IMAGE_DIR = fileURLToPath(new URL('../../docker/instance-image/', import.meta.url));

/** The tag of the instance image. */
export const INSTANCE_IMAGE = 'codepipeline-local/instance:1';

/** The label holding the hash of the Dockerfile folder an image was built from, so a changed Dockerfile means a rebuild. */
export const DOCKERFILE_HASH_LABEL = 'codepipeline-local.dockerfile-sha256';

// Not the containers' project label (codepipeline-local=true): containers inherit image labels, and every
// container of this image would then look like ours to cleanup, including ones a user starts by hand.
const IMAGE_KIND_LABEL = 'codepipeline-local.image';

/** What the instance image needs. */
export interface InstanceImageDeps {
  docker: Dockerode;
  log: Logger;
  /** The Dockerfile folder; docker/instance-image by default. */
  dir?: string;
  /** The tag to build; codepipeline-local/instance:1 by default. */
  image?: string;
}

interface ProgressEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** The sha256 of every file of a Dockerfile folder, names included, so any change gives a new hash. */
export function folderHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  return hash.digest('hex');
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

  private async build(progress: (line: string) => void): Promise<void> {
    const hash = folderHash(this.dir);
    const labels = await this.labelsOf(this.image);
    if (labels?.[DOCKERFILE_HASH_LABEL] === hash) return;
    const say = (line: string) => {
      progress(line);
      this.deps.log.info({ image: this.image }, line);
    };
    say(`Building the instance image ${this.image} from ${join(this.dir, 'Dockerfile')} (${labels ? 'the Dockerfile changed' : 'first use'}; a minute or so, once)`);
    const started = Date.now();
    const stream = await this.deps.docker.buildImage(
      { context: this.dir, src: readdirSync(this.dir) },
      { t: this.image, labels: { [DOCKERFILE_HASH_LABEL]: hash, [IMAGE_KIND_LABEL]: 'instance' }, rm: true, forcerm: true },
    );
    await this.follow(stream, (event) => {
      const line = event.stream?.trim();
      if (line?.startsWith('Step ')) say(`[instance image] ${line}`);
      else if (line) this.deps.log.debug({ image: this.image }, line);
    }).catch((error: Error) => {
      throw new Error(`Building the instance image ${this.image} from ${this.dir} failed: ${error.message}`, { cause: error });
    });
    say(`Built the instance image ${this.image} in ${Math.round((Date.now() - started) / 1000)} s`);
  }

  private async labelsOf(image: string): Promise<Record<string, string> | undefined> {
    try {
      const info = await this.deps.docker.getImage(image).inspect();
      return info.Config?.Labels ?? {};
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
