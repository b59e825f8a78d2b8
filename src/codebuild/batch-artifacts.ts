import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeZip, type ZipEntry } from './artifact-zip.js';
import { extractZip } from './extract-zip.js';

function entriesOf(root: string, prefix = ''): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    const stat = lstatSync(path);
    const zipName = prefix ? `${prefix}/${name}` : name;
    if (stat.isDirectory()) entries.push(...entriesOf(path, zipName));
    else if (stat.isSymbolicLink()) entries.push({ name: zipName, content: Buffer.from(readlinkSync(path)), mode: stat.mode, mtime: stat.mtime, symlink: true });
    else if (stat.isFile()) entries.push({ name: zipName, content: readFileSync(path), mode: stat.mode, mtime: stat.mtime });
  }
  return entries;
}

/**
 * COMBINE_ARTIFACTS: one zip holding each build's artifact under a folder named by its build identifier, as CodeBuild
 * combines a batch's artifacts (`<identifier>/<files>`).
 */
export async function combineBatchArtifacts(zipsByIdentifier: Record<string, string>, target: string, scratchRoot: string): Promise<void> {
  const scratch = mkdtempSync(join(scratchRoot, 'combine-'));
  try {
    for (const [identifier, zip] of Object.entries(zipsByIdentifier)) extractZip(zip, join(scratch, identifier));
    await writeZip(target, entriesOf(scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
