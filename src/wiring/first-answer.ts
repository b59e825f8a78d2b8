import type { FastifyInstance } from 'fastify';

// How long after listening background work waits for a first request before it starts anyway (milliseconds).
const WAIT_MS = 5000;

/** The moment a listening server has sent its first answer (or has waited a while for a request), for background work to wait on. */
export interface FirstAnswer {
  /** True at the first answer or WAIT_MS after {@link listening} without one; false if the server closes first. */
  readonly served: Promise<boolean>;
  /** Adds the hook that notices answers; before the server is ready. */
  watch(app: FastifyInstance): void;
  /** Starts the wait for a request: the server now listens. */
  listening(): void;
  /** The server is closing: work still waiting is not to start. */
  closing(): void;
}

/** A {@link FirstAnswer}: work waiting on it runs once the first request has had the process to itself. */
export function firstAnswer(waitMs = WAIT_MS): FirstAnswer {
  let resolve!: (served: boolean) => void;
  let timer: NodeJS.Timeout | undefined;
  const served = new Promise<boolean>((r) => (resolve = r));
  // The first call wins: a promise settles once.
  const settle = (value: boolean) => {
    clearTimeout(timer);
    resolve(value);
  };
  return {
    served,
    watch(app) {
      app.addHook('onResponse', async () => settle(true));
    },
    listening() {
      timer ??= setTimeout(() => settle(true), waitMs).unref();
    },
    closing: () => settle(false),
  };
}
