import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The first `aws` on PATH, or undefined when there is none. */
function awsOnPath(path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    try {
      accessSync(join(dir, 'aws'), constants.X_OK);
      return join(dir, 'aws');
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * A vitest globalSetup that puts the folder of the real `aws` first on PATH when `aws` is a pyenv shim: the shim is a
 * bash script that asks pyenv which version to run at every call, which doubled each of the suite's AWS CLI
 * starts on a loaded machine (`aws --version` 1.9 -> 3.9 s). The CLI and the Python that runs it are the ones the shim would pick.
 */
export function setup(): void {
  const path = process.env.PATH ?? '';
  const found = awsOnPath(path);
  if (!found || !readFileSync(found, 'utf8').slice(0, 2000).includes('pyenv')) return;
  try {
    const real = execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (real) process.env.PATH = `${dirname(real)}${delimiter}${path}`;
  } catch {
    // pyenv could not say: the shim still works, only slower.
  }
}
