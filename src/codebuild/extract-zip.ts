import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { isSymlinkMode, readZip } from '../runner/index.js';
import { isInside } from '../shared/index.js';

const inside = (root: string, path: string): boolean => isInside(root, path, { allowRoot: true });

/**
 * Extracts a zip into a folder, keeping unix modes (executable scripts stay executable) and symlinks that point
 * inside the folder; entries that would land outside it (zip-slip) and links that point outside are skipped.
 * Files already in the folder are kept unless an entry of the same name replaces them.
 * Returns the names skipped.
 */
export function extractZip(zipFile: string, dest: string): string[] {
  const entries = readZip(new Uint8Array(readFileSync(zipFile)));
  const root = resolve(dest);
  const skipped: string[] = [];
  mkdirSync(root, { recursive: true });
  for (const { name, data, mode } of entries) {
    const target = resolve(root, name.split('/').join(sep));
    if (!inside(root, target)) {
      skipped.push(name);
      continue;
    }
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    // An entry replaces the file or link of its name (never writing through an old link); nothing else is removed.
    if (lstatSync(target, { throwIfNoEntry: false })?.isDirectory() === false) unlinkSync(target);
    if (isSymlinkMode(mode)) {
      const linkTarget = new TextDecoder().decode(data);
      // A link out of the source tree would let a build read the host's files: kept out.
      if (isAbsolute(linkTarget) || !inside(root, resolve(dirname(target), linkTarget))) skipped.push(name);
      else symlinkSync(linkTarget, target);
      continue;
    }
    writeFileSync(target, data);
    if (mode !== undefined && (mode & 0o777) !== 0) chmodSync(target, mode & 0o777);
  }
  return skipped;
}
