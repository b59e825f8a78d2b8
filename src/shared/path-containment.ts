import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Tells whether `path` lies under `root` once both are resolved (a `..` or an absolute path cannot escape); `root`
 * itself counts only with `allowRoot`. The one containment check: every folder that must not be left uses it.
 */
export function isInside(root: string, path: string, { allowRoot = false }: { allowRoot?: boolean } = {}): boolean {
  const rel = relative(resolve(root), resolve(path));
  if (rel === '') return allowRoot;
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
