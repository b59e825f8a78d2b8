/** What a failed SDK call tells its caller: the exception name, message and HTTP status. */
export interface CaughtError {
  name: string;
  message: string;
  status?: number;
}

/** Awaits a call that must fail and returns what the SDK reported. */
export async function errorOf(promise: Promise<unknown>): Promise<CaughtError> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
