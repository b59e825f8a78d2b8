import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RuntimeApi } from './runtime-api.js';

/** Where the emulator's own port serves each sandbox's Runtime API: `<prefix>/<sandbox id>/2018-06-01/runtime/...`. */
export const RUNTIME_API_ROUTE_PREFIX = '/codepipeline-local/lambda-runtime';

/** A sandbox's Runtime API opened where its container reaches it. */
export interface OpenedRuntimeApi {
  /** AWS_LAMBDA_RUNTIME_API: host:port, with a path when the emulator's own port serves it. */
  address: string;
  close(): Promise<void>;
}

/**
 * How a sandbox's container reaches its Runtime API and the emulator: on this machine's network (127.0.0.1), or, on
 * an engine of another machine, through the emulator's advertised URL.
 */
export interface SandboxReach {
  /** The container's network mode: the host's on this machine, the engine's default bridge elsewhere. */
  networkMode?: 'host';
  /** Opens a sandbox's Runtime API where the container reaches it. */
  open(api: RuntimeApi): Promise<OpenedRuntimeApi>;
  /** The emulator's URL as the container sees it: AWS_ENDPOINT_URL of the functions. */
  endpoint(): string;
}

/** A sandbox on this machine's network: its Runtime API listens on 127.0.0.1, the emulator is its own 127.0.0.1 port. */
export function hostReach(baseUrl: () => string): SandboxReach {
  return {
    networkMode: 'host',
    async open(api) {
      return { address: await api.listen(), close: () => api.close() };
    },
    endpoint: () => baseUrl().replace('://0.0.0.0:', '://127.0.0.1:'),
  };
}

/**
 * The Runtime APIs the emulator's own port serves, by sandbox id (an unguessable uuid, the only thing that names a
 * sandbox to whoever reaches the port), for sandboxes on engines of other machines.
 */
export class RoutedRuntimeApis {
  private readonly apis = new Map<string, RuntimeApi>();

  constructor(private readonly newId: () => string) {}

  /** A sandbox reaching the emulator at `advertisedUrl` (http://HOST:PORT, as containers on other engines see it). */
  reach(advertisedUrl: string): SandboxReach {
    const url = new URL(advertisedUrl);
    return {
      open: async (api) => {
        const id = this.newId();
        this.apis.set(id, api);
        return {
          address: `${url.host}${RUNTIME_API_ROUTE_PREFIX}/${id}`,
          close: async () => {
            this.apis.delete(id);
            await api.close();
          },
        };
      },
      endpoint: () => url.origin,
    };
  }

  /** Answers a request under RUNTIME_API_ROUTE_PREFIX; false when it names no open sandbox (the caller answers 404). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const match = /^\/codepipeline-local\/lambda-runtime\/([^/?]+)(\/.*)$/.exec(req.url ?? '');
    const api = match && this.apis.get(match[1]);
    if (!match || !api) return false;
    api.handle(req, res, match[2]);
    return true;
  }

  /** How many sandboxes' APIs are open. */
  get size(): number {
    return this.apis.size;
  }
}
