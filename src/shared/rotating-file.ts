import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';

/** Options for {@link openRotatingFile}. */
export interface RotatingFileOptions {
  path: string;
  /** The size (bytes) past which the file is rotated. */
  maxBytes: number;
  /** How many rotated files are kept: `<path>.1` (the newest) to `<path>.<keep>`. */
  keep?: number;
}

const DEFAULT_KEEP = 3;

/**
 * A log file rotated by size: a write that would take it past `maxBytes` first renames it to `<path>.1` (shifting
 * older ones up to `<path>.<keep>`, dropping the oldest) and starts a new one. Writes are synchronous, so a line is
 * on disk before the next is logged and a crash loses nothing.
 */
export function openRotatingFile(options: RotatingFileOptions): Writable {
  const keep = options.keep ?? DEFAULT_KEEP;
  mkdirSync(dirname(options.path), { recursive: true });
  let fd = openSync(options.path, 'a');
  let size = fstatSync(fd).size;
  const rotate = () => {
    closeSync(fd);
    rmSync(`${options.path}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(`${options.path}.${n}`)) renameSync(`${options.path}.${n}`, `${options.path}.${n + 1}`);
    renameSync(options.path, `${options.path}.1`);
    fd = openSync(options.path, 'a');
    size = 0;
  };
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      try {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (size > 0 && size + bytes.length > options.maxBytes) rotate();
        writeSync(fd, bytes);
        size += bytes.length;
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    final(callback) {
      closeSync(fd);
      callback();
    },
  });
}
