import { readFileSync } from 'node:fs';
import { packagePath } from '../shared/index.js';

/** The tag of the default build image, built from docker/build-image on first use. */
export const DEFAULT_BUILD_IMAGE = 'codepipeline-local/build:1';

/** The folder holding the default build image's Dockerfile. */
export const BUILD_IMAGE_DIR = packagePath('docker/build-image/');

/** The built-in map of CodeBuild image names to local images (docker/image-map.json). */
export const DEFAULT_IMAGE_MAP_FILE = packagePath('docker/image-map.json');

/** CodeBuild image names (exact, or a prefix ending in `*`) mapped to local Docker images. */
export type ImageMap = Readonly<Record<string, string>>;

function readMap(path: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the image map ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string' || v === '')) {
    throw new Error(`The image map ${path} must be a JSON object of image names to local images, e.g. {"aws/codebuild/standard:*": "my/image:tag"}`);
  }
  return parsed as Record<string, string>;
}

/** Loads the built-in map with the user's map (config.imageMap) laid over it; the user's entries win. */
export function loadImageMap(userMapFile?: string, builtInFile = DEFAULT_IMAGE_MAP_FILE): ImageMap {
  return { ...readMap(builtInFile), ...(userMapFile ? readMap(userMapFile) : {}) };
}

/** The local image for a CodeBuild image name: an exact entry, else the longest matching `prefix*` entry, else the name itself. */
export function mapImage(map: ImageMap, name: string): string {
  if (map[name] !== undefined) return map[name];
  let best: { length: number; image: string } | undefined;
  for (const [pattern, image] of Object.entries(map)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (name.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, image };
  }
  return best?.image ?? name;
}
