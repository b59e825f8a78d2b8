import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { packagePath } from '../shared/index.js';

const NAME = 'codepipeline-local';
const names = new Map<string, string>();

/** True when `file` is this package's bin (through any symlinks: `npm link` and `npm install -g` make them). */
function isOurBin(file: string): boolean {
  try {
    return existsSync(file) && realpathSync(file) === realpathSync(packagePath('bin', `${NAME}.js`));
  } catch {
    return false;
  }
}

/**
 * How to spell this command in advice printed to the user: `codepipeline-local` when that name on their PATH runs
 * this package (installed globally or linked), else `npx codepipeline-local`, the form that works from the checkout.
 */
export function commandName(path = process.env.PATH ?? ''): string {
  let name = names.get(path);
  if (name === undefined) {
    // npm puts node_modules/.bin on the PATH of `npm run` and `npx` only: the user's own shell does not have it.
    const dirs = path.split(delimiter).filter((dir) => dir && !dir.includes(`node_modules${sep}.bin`));
    name = dirs.some((dir) => isOurBin(join(dir, NAME))) ? NAME : `npx ${NAME}`;
    names.set(path, name);
  }
  return name;
}
