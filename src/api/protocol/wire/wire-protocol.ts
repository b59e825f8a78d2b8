import type { Readable } from 'node:stream';
import type { RequestContext } from '../request-context.js';
import type { ModelOperation, ProtocolName, ServiceModel } from '../service-model.js';
import type { WireError } from '../wire-error.js';

/** One HTTP request as the protocol layer sees it: nothing of fastify leaks past the server. */
export interface WireRequest {
  method: string;
  /** The path without its query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The unread body of an operation whose payload is a streaming blob (S3's PutObject), which `body` then leaves empty. */
  bodyStream?: Readable;
  /** The client's address, for the `aws:SourceIp` condition key (--iam). */
  sourceIp?: string;
}

/** One HTTP response, ready to be written. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer | Readable;
}

/** A handler's output may carry this key to answer with a status its model does not say (S3's 206 for a ranged GET). */
export const HTTP_STATUS = Symbol('httpStatus');

/** The operation a request was routed to, with its service's model. */
export interface OperationTarget {
  model: ServiceModel;
  operation: ModelOperation;
  /** The path of a rest request inside its service (S3's virtual-host bucket put back in front). */
  path: string;
}

/**
 * One AWS wire protocol: it reads a request into the operation's input members and writes outputs and errors
 * the way that protocol's clients parse them. Parsed input uses the JSON protocol's forms for scalars
 * (timestamps as epoch seconds) except blobs, which non-JSON protocols hand over as Buffers.
 */
export interface WireProtocol {
  readonly name: ProtocolName;
  /** Names the operation the request calls, for protocols that carry it in the request itself. */
  operationName?(req: WireRequest): string | undefined;
  parseInput(req: WireRequest, target: OperationTarget): unknown;
  serializeOutput(target: OperationTarget, output: unknown, ctx: RequestContext): WireResponse;
  serializeError(error: WireError, model: ServiceModel | undefined, requestId: string): WireResponse;
}
