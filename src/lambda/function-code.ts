import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDirectoryMode, isSymlinkMode, readZip, type ZipEntry } from '../runner/index.js';
import { LambdaRefusal } from './lambda-refusal.js';

/** AWS's limit on a zip uploaded in the request (CreateFunction/UpdateFunctionCode ZipFile): 50 MB. */
export const ZIP_FILE_MAX_BYTES = 50 * 1024 * 1024;
// AWS's limit on the unzipped deployment package: 250 MB.
const UNZIPPED_MAX_BYTES = 250 * 1024 * 1024;

/** A code zip's digest as Lambda reports it (CodeSha256, base64) and its size. */
export interface CodeDigest {
  codeSha256: string;
  codeSize: number;
}

/** A file of a function's code, safe to write under /var/task: a relative path without `..`. */
export interface CodeFile {
  path: string;
  data: Uint8Array;
  mode: number;
}

const UNZIP_FAILED = 'Could not unzip uploaded file. Please check your file, then try to upload again.';

/** Reads a code zip into the files it holds; a zip that is not one, or names a path outside its folder, is refused. */
export function unzipCode(zip: Uint8Array): CodeFile[] {
  let entries: ZipEntry[];
  try {
    entries = readZip(zip);
  } catch (error) {
    throw new LambdaRefusal('InvalidParameterValueException', UNZIP_FAILED, { cause: error });
  }
  let total = 0;
  const files: CodeFile[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/') || isDirectoryMode(entry.mode)) continue;
    const parts = entry.name.split('/');
    // A path climbing out of /var/task (or absolute, or a symlink that could point anywhere) is never written.
    if (entry.name.startsWith('/') || parts.some((p) => p === '..' || p === '') || isSymlinkMode(entry.mode)) {
      throw new LambdaRefusal('InvalidParameterValueException', `${UNZIP_FAILED} The file ${JSON.stringify(entry.name.slice(0, 200))} is not a relative path inside the package.`); // wording inferred
    }
    total += entry.data.length;
    files.push({ path: entry.name, data: entry.data, mode: (entry.mode ?? 0o644) & 0o777 || 0o644 });
  }
  if (total > UNZIPPED_MAX_BYTES) {
    throw new LambdaRefusal('InvalidParameterValueException', `Unzipped size must be smaller than ${UNZIPPED_MAX_BYTES} bytes`);
  }
  return files;
}

/** Code zips under the data directory, stored by their SHA-256 (hex) so no caller-given name reaches a path. */
export class FunctionCodeStore {
  constructor(private readonly dir: string) {}

  /** Checks and stores a zip (one sent in the request is held to 50 MB); returns its digest. */
  put(zip: Uint8Array, inRequest = true): CodeDigest {
    if (inRequest && zip.length > ZIP_FILE_MAX_BYTES) {
      throw new LambdaRefusal('RequestTooLargeException', `Request must be smaller than ${ZIP_FILE_MAX_BYTES} bytes for the CreateFunction operation`); // wording inferred
    }
    unzipCode(zip);
    const digest = createHash('sha256').update(zip).digest();
    const file = this.file(digest.toString('base64'));
    if (!existsSync(file)) {
      mkdirSync(this.dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, zip);
      renameSync(temp, file);
    }
    return { codeSha256: digest.toString('base64'), codeSize: zip.length };
  }

  /** The zip of a digest. */
  read(codeSha256: string): Buffer {
    return readFileSync(this.file(codeSha256));
  }

  /** Removes a zip no function uses any more. */
  remove(codeSha256: string): void {
    rmSync(this.file(codeSha256), { force: true });
  }

  private file(codeSha256: string): string {
    return join(this.dir, `${Buffer.from(codeSha256, 'base64').toString('hex')}.zip`);
  }
}
