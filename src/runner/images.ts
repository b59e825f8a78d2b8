import type Dockerode from 'dockerode';
import { isStatus } from './container-basics.js';

/** One event of a docker build or pull progress stream. */
export interface ProgressEvent {
  stream?: string;
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Describes a local image, or returns undefined when it is not present. */
export async function inspectImage(docker: Dockerode, image: string): Promise<Dockerode.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(image).inspect();
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Follows a build or pull stream to its end, handing each event on; rejects when the stream or a step failed. */
export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream, onEvent: (event: ProgressEvent) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (error: Error | null) => (error ? reject(error) : failure ? reject(new Error(failure)) : resolve()),
      (event: ProgressEvent) => {
        // The daemon reports a failed step as an event, not as a failed stream.
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        onEvent(event);
      },
    );
  });
}
