import type { ContainerLimits, StreamingContainer } from '../runner/index.js';

/** Everything a build container is created with: two builds with the same spec can use each other's warm container. */
export interface BuildContainerSpec {
  /** The image as the build names it, which the container is created from. */
  image: string;
  /** The image's id, so a rebuilt image under the same name gets containers of its own. */
  imageId: string;
  limits: ContainerLimits;
  /** Host paths bound in (the Docker socket in privileged mode). */
  binds?: string[];
  /** Named volumes mounted (the project's cache volume). */
  volumes?: { name: string; target: string }[];
}

/** Where a build takes its container from and hands it back to (the warm containers of an engine). */
export interface BuildContainers {
  /** A started container for this spec, named `name`. */
  take(spec: BuildContainerSpec, name: string): Promise<StreamingContainer>;
  /** Removes a container a build took, in the background. */
  release(container: StreamingContainer): void;
}
