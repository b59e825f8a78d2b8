/** A class of wire error: its instances serialise to AWS's `{"__type", "message"}` with a fixed status. */
export interface WireErrorClass {
  new (message: string, options?: { cause?: unknown }): WireError;
  readonly errorName: string;
  readonly httpStatus: number;
}

/** The base of every error the server serialises to a client; nothing else ever reaches the wire. */
export class WireError extends Error {
  /** The AWS exception name sent as `__type` and `x-amzn-ErrorType`. */
  readonly errorName: string;
  /** The HTTP status AWS answers this exception with. */
  readonly httpStatus: number;

  constructor(errorName: string, httpStatus: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.errorName = errorName;
    this.httpStatus = httpStatus;
    this.name = errorName;
  }
}

/** Defines the class of one AWS exception, with its name and status fixed on the class. */
export function defineWireError(errorName: string, httpStatus = 400): WireErrorClass {
  const cls = class extends WireError {
    static readonly errorName = errorName;
    static readonly httpStatus = httpStatus;
    constructor(message: string, options?: { cause?: unknown }) {
      super(errorName, httpStatus, message, options);
    }
  };
  Object.defineProperty(cls, 'name', { value: errorName });
  return cls;
}

/** A malformed request body or a member of the wrong JSON type. */
export const SerializationException = defineWireError('SerializationException');
/** An `X-Amz-Target` naming no operation of any hosted service. */
export const UnknownOperationException = defineWireError('UnknownOperationException');
/** A model constraint a request member fails (Coral-style message). */
export const ValidationException = defineWireError('ValidationException');
/** An operation AWS has but this emulator does not implement yet; 501 so SDKs do not retry it. */
export const NotImplementedException = defineWireError('NotImplementedException', 501);
/** The last resort for a bug: reported without a stack trace. */
export const InternalFailure = defineWireError('InternalFailure', 500);

/** A domain refusal: an error class whose instances carry a `code` naming the refusal. */
export type RefusalClass<Code extends string> = abstract new (...args: never[]) => Error & { code: Code };

/**
 * Runs a domain call and turns its refusals into the service's wire errors through one table, so each
 * service maps its domain failures in one place; other errors pass through.
 */
export function mapRefusals<Code extends string, T>(refusal: RefusalClass<Code>, table: Record<Code, WireErrorClass>, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof refusal) throw new table[(error as { code: Code }).code](error.message, { cause: error });
    throw error;
  }
}
