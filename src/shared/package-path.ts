import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package's root folder: the nearest one above this module that holds package.json. */
function packageRoot(): string {
  if (root) return root;
  // This module runs from src/shared/ (TypeScript, under tsx or vitest) or from dist/server/shared/ (the build):
  // walking up finds the same root from both, so data files never move with the code that reads them.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return (root = dir);
}

/** Resolves a path inside the package (e.g. `docker/build-image/`, `src/model/aws/`) from source and from the build alike. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
