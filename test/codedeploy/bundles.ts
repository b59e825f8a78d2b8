import { zipSync, type Zippable } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file of a test revision: text (mode 644), text with a mode, a symlink, or an empty folder. */
export type BundleFile = string | { content: string; mode: number } | { symlink: string } | { folder: true };

const UNIX = 3;

/** The bytes of a zip holding the files, with unix modes and symlinks as `zip -y` stores them. */
export function zipBytes(files: Record<string, BundleFile>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, file] of Object.entries(files)) {
    if (typeof file === 'string') entries[name] = [new TextEncoder().encode(file), { os: UNIX, attrs: (0o100644 << 16) >>> 0 }];
    else if ('content' in file) entries[name] = [new TextEncoder().encode(file.content), { os: UNIX, attrs: ((0o100000 | file.mode) << 16) >>> 0 }];
    else if ('symlink' in file) entries[name] = [new TextEncoder().encode(file.symlink), { os: UNIX, attrs: (0o120777 << 16) >>> 0 }];
    else entries[name.endsWith('/') ? name : `${name}/`] = [new Uint8Array(), { os: UNIX, attrs: (0o040755 << 16) >>> 0 }];
  }
  return zipSync(entries);
}

/** An executable script of a test revision. */
export function script(body: string): { content: string; mode: number } {
  return { content: body, mode: 0o755 };
}

/** A folder of revision zips that removes itself. */
export class BundleDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'cpl-bundles-'));
  private count = 0;

  /** Writes a zip of the files and returns its path. */
  zip(files: Record<string, BundleFile>): string {
    const path = join(this.dir, `revision-${++this.count}.zip`);
    writeFileSync(path, zipBytes(files));
    return path;
  }

  /** Writes raw bytes as a revision and returns its path. */
  raw(bytes: Uint8Array, name = `revision-${++this.count}.bin`): string {
    const path = join(this.dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
