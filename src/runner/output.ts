import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';

/** Splits Docker's multiplexed stream into stdout and stderr and resolves when it ends. */
export function collectOutput(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
): Promise<{ stdout: string; stderr: string }> {
  const stdout = bufferSink();
  const stderr = bufferSink();
  docker.modem.demuxStream(stream, stdout.writable, stderr.writable);
  return new Promise((resolve, reject) => {
    // Decoding once at the end keeps multi-byte characters split across frames intact.
    const done = () => resolve({ stdout: stdout.text(), stderr: stderr.text() });
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', reject);
  });
}

function bufferSink(): { writable: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { writable, text: () => Buffer.concat(chunks).toString('utf8') };
}
