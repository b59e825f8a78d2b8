import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { Logger } from '../shared/index.js';
import { followProgress, inspectImage } from './images.js';

/** The label holding the hash of the Dockerfile folder an image was built from, so a changed Dockerfile means a rebuild. */
export const DOCKERFILE_HASH_LABEL = 'codepipeline-local.dockerfile-sha256';

// Not the containers' project label (codepipeline-local=true): containers inherit image labels, and every
// container of this image would then look like ours to cleanup, including ones a user starts by hand.
const IMAGE_KIND_LABEL = 'codepipeline-local.image';

/** What {@link ensureProjectImage} needs. */
export interface ProjectImageDeps {
  docker: Dockerode;
  log: Logger;
}

/** An image the project builds itself from a Dockerfile folder. */
export interface ProjectImage {
  /** The tag to build. */
  image: string;
  /** The Dockerfile folder; all of its files are the build context. */
  dir: string;
  /** What progress lines call the image (`build image`). */
  title: string;
  /** The value of the image-kind label: what the image is for (`build`). */
  kind: string;
  /** How long a build takes, as the first progress line says it (`a minute or two`). */
  duration: string;
  /** Whether the image the tag named before a rebuild is removed (when no container still uses it). */
  removeReplaced?: boolean;
  /** The Dockerfile progress lines name, when `dir` is a context assembled elsewhere; `dir`'s Dockerfile by default. */
  dockerfile?: string;
  /** The network the build's RUN steps use (`host`); Docker's default bridge when absent. */
  networkMode?: string;
  /** The hash the image is labelled with, when the caller computes it (a context assembled only to build); the folder's by default. */
  hash?: string;
  /** Turns a failed docker build into the caller's error; a plain Error by default. */
  failure?: (message: string, cause: Error) => Error;
}

/** The sha256 of every file of a Dockerfile folder, names included, so any change gives a new hash. */
export function dockerfileHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  return hash.digest('hex');
}

/**
 * Builds an image from its Dockerfile folder unless one built from the same folder is already there (first use,
 * or the folder changed); `progress` receives the first and last lines and one per Dockerfile step.
 */
export async function ensureProjectImage(
  deps: ProjectImageDeps,
  spec: ProjectImage,
  progress: (line: string) => void = () => undefined,
  // Called only when a build is needed, to assemble a context that is costly to make (the Lambda image's SDK copy).
  prepare?: () => Promise<void> | void,
): Promise<void> {
  const hash = spec.hash ?? dockerfileHash(spec.dir);
  const old = await inspectImage(deps.docker, spec.image);
  const labels = old && (old.Config?.Labels ?? {});
  if (labels?.[DOCKERFILE_HASH_LABEL] === hash) return;
  const say = (line: string) => {
    progress(line);
    deps.log.info({ image: spec.image }, line);
  };
  const why = labels ? 'the Dockerfile changed' : 'first use';
  say(`Building the ${spec.title} ${spec.image} from ${spec.dockerfile ?? join(spec.dir, 'Dockerfile')} (${why}; ${spec.duration}, once)`);
  const started = Date.now();
  await prepare?.();
  await buildFromFolder(deps, spec, hash, say);
  say(`Built the ${spec.title} ${spec.image} in ${Math.round((Date.now() - started) / 1000)} s`);
  // The image the tag left behind would only take disk space; one still used by a container stays.
  if (old && spec.removeReplaced) await deps.docker.getImage(old.Id).remove().catch(() => undefined);
}

async function buildFromFolder(deps: ProjectImageDeps, spec: ProjectImage, hash: string, say: (line: string) => void): Promise<void> {
  const stream = await deps.docker.buildImage(
    { context: spec.dir, src: readdirSync(spec.dir) },
    { t: spec.image, labels: { [DOCKERFILE_HASH_LABEL]: hash, [IMAGE_KIND_LABEL]: spec.kind }, rm: true, forcerm: true, ...(spec.networkMode ? { networkmode: spec.networkMode } : {}) },
  );
  await followProgress(deps.docker, stream, (event) => {
    const line = event.stream?.trim();
    if (line?.startsWith('Step ')) say(`[${spec.title}] ${line}`);
    else if (line) deps.log.debug({ image: spec.image }, line);
  }).catch((error: Error) => {
    const message = `Building the ${spec.title} ${spec.image} from ${spec.dir} failed: ${error.message}`;
    throw spec.failure ? spec.failure(message, error) : new Error(message, { cause: error });
  });
}
