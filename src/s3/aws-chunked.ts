import { Transform, type TransformCallback } from 'node:stream';
import { refuse } from './refusal.js';

const CRLF = Buffer.from('\r\n');
// A chunk header is `<hex size>[;chunk-signature=<64 hex>]`: far below this.
const MAX_HEADER_BYTES = 4096;

/**
 * Decodes an `aws-chunked` body (`Content-Encoding: aws-chunked`: SigV4 streaming uploads and the SDKs' trailing
 * checksums) into the object's bytes: each chunk is `<hex size>[;chunk-signature=...]\r\n<data>\r\n`, a zero-size
 * chunk ends the data, and trailer lines follow. Signatures and trailers are not checked.
 */
export class AwsChunkedDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private state: 'header' | 'data' | 'data-end' | 'trailer' = 'header';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.drain();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.state === 'trailer' ? null : refuse('IncompleteBody', 'The aws-chunked request body ended before its final chunk'));
  }

  private drain(): void {
    while (this.pending.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'trailer') {
        this.pending = Buffer.alloc(0);
        return;
      }
      const eol = this.pending.indexOf(CRLF);
      if (eol < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) throw refuse('InvalidRequest', 'The aws-chunked request body has a malformed chunk header');
        return;
      }
      const line = this.pending.subarray(0, eol).toString('latin1');
      this.pending = this.pending.subarray(eol + 2);
      if (this.state === 'data-end') {
        if (line !== '') throw refuse('InvalidRequest', 'An aws-chunked chunk is longer than its declared size');
        this.state = 'header';
        continue;
      }
      const size = line.split(';')[0].trim();
      if (!/^[0-9a-fA-F]{1,15}$/.test(size)) throw refuse('InvalidRequest', 'The aws-chunked request body has a malformed chunk header');
      this.remaining = parseInt(size, 16);
      this.state = this.remaining === 0 ? 'trailer' : 'data';
    }
  }
}
