import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './aws-chunked.js';
import { refuse, S3Refusal } from './refusal.js';

/** A body written to a temp file: where it is, its size and the MD5 of its bytes. */
export interface ReceivedBody {
  tmpFile: string;
  size: number;
  md5: Buffer;
}

/** How a body arrives: its encoding and the Content-MD5 and Content-Length the client declared. */
export interface BodyOptions {
  /** The body is `aws-chunked` (Content-Encoding names it). */
  awsChunked?: boolean;
  /** The base64 MD5 the client sent in Content-MD5. */
  contentMd5?: string;
  /** The object size the client declared; a shorter body is IncompleteBody. */
  expectedSize?: number;
}

/** Reads a Content-MD5 header into its 16 bytes; anything else is InvalidDigest. */
export function parseContentMd5(value: string): Buffer {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== value.trim()) throw refuse('InvalidDigest', 'The Content-MD5 you specified was invalid.');
  return bytes;
}

/**
 * Streams a request body into a temp file while hashing it, so no object is ever held in memory whole; the body is
 * checked against Content-MD5 before anyone can see it. The caller renames the temp file into place or discards it.
 */
export async function receiveBody(tmpDir: string, body: Readable | Uint8Array | string | undefined, options: BodyOptions = {}): Promise<ReceivedBody> {
  const expectedMd5 = options.contentMd5 === undefined ? undefined : parseContentMd5(options.contentMd5);
  await mkdir(tmpDir, { recursive: true });
  const tmpFile = join(tmpDir, randomUUID());
  const hash = createHash('md5');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.from(body === undefined ? [] : [Buffer.from(body)]);
  try {
    if (options.awsChunked) await pipeline(source, new AwsChunkedDecoder(), meter, createWriteStream(tmpFile));
    else await pipeline(source, meter, createWriteStream(tmpFile));
  } catch (error) {
    await rm(tmpFile, { force: true });
    if (error instanceof S3Refusal) throw error;
    throw refuse('IncompleteBody', `The request body could not be read: ${(error as Error).message}`);
  }
  const md5 = hash.digest();
  const problem =
    options.expectedSize !== undefined && !options.awsChunked && size !== options.expectedSize
      ? refuse('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.')
      : expectedMd5 && !expectedMd5.equals(md5)
        ? refuse('BadDigest', 'The Content-MD5 you specified did not match what we received.')
        : undefined;
  if (problem) {
    await rm(tmpFile, { force: true });
    throw problem;
  }
  return { tmpFile, size, md5 };
}

/** Moves a finished temp file into place, making the folders of its key; a key that clashes with a folder or file is refused. */
export async function commitFile(tmpFile: string, target: string, key: string): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    await rename(tmpFile, target);
  } catch (error) {
    await rm(tmpFile, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') {
      throw refuse('InvalidArgument', `The key '${key.slice(0, 200)}' cannot be stored by codepipeline-local: as a file it clashes with a folder holding other keys (or a key is a prefix of it followed by '/')`);
    }
    if (code === 'ENAMETOOLONG') throw refuse('KeyTooLongError', 'Your key is too long');
    throw error;
  }
}
