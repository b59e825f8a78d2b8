import { Readable } from 'node:stream';

/** A stream read as far as a limit: whole when it fit, and in any case the stream again from its first byte. */
export interface ReadUpTo {
  /** Every byte of the stream, when there were at most `limit`. */
  whole?: Buffer;
  /** The whole stream from its start: the bytes read so far, then the rest; to be called once. */
  stream(): Readable;
}

/** Reads a stream into memory while it stays within `limit` bytes, so a small one can be sent whole and a large one streamed. */
export async function readUpTo(source: Readable, limit: number): Promise<ReadUpTo> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) {
      const whole = Buffer.concat(chunks);
      return { whole, stream: () => Readable.from([whole]) };
    }
    chunks.push(next.value);
    size += next.value.length;
    if (size > limit) break;
  }
  // Not `for await`: leaving that loop would destroy the source, whose rest is still wanted.
  async function* rest(): AsyncGenerator<Buffer> {
    yield* chunks;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  return { stream: () => Readable.from(rest()) };
}
